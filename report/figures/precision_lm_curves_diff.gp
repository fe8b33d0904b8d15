# precision_lm_curves_diff.gp: precision_lm: validation loss, difference to fp32 (nats)
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot precision_lm_curves_diff.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'precision_lm_curves_diff.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'precision_lm: validation loss, difference to fp32 (nats)' noenhanced
set xlabel 'optimizer step'
set ylabel 'validation loss, difference to fp32 (nats)'
$c1 << EOD
# step mean min max (over 3 seeds)
200 -0.000149823 -0.0003083 1.676e-05
400 0.000168663 -5.292e-05 0.00038804
600 -1.59633e-05 -0.00030034 0.00038892
800 4.05733e-05 -0.00065726 0.00061905
1000 0.000171373 1.452e-05 0.00029938
1200 0.00059632 -0.00036795 0.00119831
1400 0.00049239 0.00011908 0.00097259
1600 0.000224757 4.54e-05 0.00057122
1800 0.000399163 0.00035709 0.00045011
2000 0.000716397 0.00030559 0.00128835
EOD
$c2 << EOD
# step mean min max (over 3 seeds)
200 0.00732795 0.00629814 0.0086994
400 0.00849547 0.00562974 0.0128822
600 0.0153026 0.0141005 0.0166365
800 0.0313146 0.0294962 0.034272
1000 0.0323421 0.0299991 0.035698
1200 0.0397515 0.036914 0.0427302
1400 0.0456875 0.0423155 0.049524
1600 0.0532558 0.0490285 0.0565185
1800 0.0641349 0.0628274 0.0652401
2000 0.0719354 0.0697293 0.0731858
EOD
$c3 << EOD
# step mean min max (over 3 seeds)
200 0.000308843 -0.00027464 0.00067503
400 0.000817037 -0.0006042 0.00224718
600 0.000248177 -0.00121374 0.00172856
800 3.22233e-05 -0.00181979 0.00222959
1000 0.000346027 -0.00245682 0.00294968
1200 0.000619297 -0.00126558 0.00330031
1400 -0.000818853 -0.00253842 0.00048279
1600 -0.000637213 -0.00178449 0.00086848
1800 9.42e-05 -0.0007682 0.00053643
2000 9.49433e-05 -0.00120797 0.00147603
EOD
$c4 << EOD
# step mean min max (over 3 seeds)
200 -0.000579063 -0.00145416 0.00039197
400 0.00131903 -0.0003912 0.00447689
600 0.00352224 0.00056271 0.00754542
800 0.00240695 0.00034105 0.00428068
1000 0.000878213 -0.00625998 0.00800109
1200 0.000817647 -0.00245162 0.00251817
1400 0.00178044 -0.00108261 0.00382989
1600 0.000625343 -0.00097397 0.00276771
1800 0.00217818 0.00043764 0.00477223
2000 0.00210345 -0.00041198 0.00454099
EOD
$c5 << EOD
# step mean min max (over 3 seeds)
200 2.32567e-05 -1.424e-05 4.699e-05
400 -4.187e-05 -0.00011682 1.005e-05
600 -4.55567e-05 -7.661e-05 1.297e-05
800 -1.09833e-05 -2.595e-05 1.39e-06
1000 -7.92867e-05 -0.00011078 -4.894e-05
1200 1.45633e-05 -1.958e-05 5.115e-05
1400 3.556e-05 -3.261e-05 7e-05
1600 2.06e-06 -5.413e-05 5.559e-05
1800 2.84467e-05 -4.956e-05 0.00013407
2000 -8.75e-06 -6.119e-05 6.084e-05
EOD
plot \
  0 with lines lc rgb '#404040' dt 2 lw 1 notitle, \
  $c1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $c1 using 1:2 with lines lc rgb '#d55e00' lw 2 title 'bf16 products, fp32 weights', \
  $c2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $c2 using 1:2 with lines lc rgb '#009e73' lw 2 title 'bf16 weights, round to nearest', \
  $c3 using 1:3:4 with filledcurves fc rgb '#cc79a7' fs transparent solid 0.15 noborder notitle, \
  $c3 using 1:2 with lines lc rgb '#cc79a7' lw 2 title 'bf16 weights, stochastic rounding', \
  $c4 using 1:3:4 with filledcurves fc rgb '#e69f00' fs transparent solid 0.15 noborder notitle, \
  $c4 using 1:2 with lines lc rgb '#e69f00' lw 2 title 'fp16, no loss scaling', \
  $c5 using 1:3:4 with filledcurves fc rgb '#56b4e9' fs transparent solid 0.15 noborder notitle, \
  $c5 using 1:2 with lines lc rgb '#56b4e9' lw 2 title 'fp16, dynamic loss scaling'
