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
200 6.48233e-05 -0.00031617 0.00064532
400 -5.65667e-06 -0.00011751 0.00016452
600 -7.23167e-05 -0.00041642 0.00015063
800 0.000153123 -0.00024037 0.00045122
1000 3.15133e-05 -0.00039314 0.00025366
1200 0.00038612 0.00027677 0.00056245
1400 0.000399943 -0.00018325 0.00082303
1600 0.000210717 0.00015583 0.0002809
1800 0.000397473 0.00022616 0.00050385
2000 0.000439193 -4.877e-05 0.00096093
EOD
$c2 << EOD
# step mean min max (over 3 seeds)
200 0.00731008 0.00623885 0.00869466
400 0.00863767 0.00569681 0.0128914
600 0.015628 0.0140035 0.0167187
800 0.0317382 0.0295759 0.0353874
1000 0.032412 0.0297699 0.0359375
1200 0.040308 0.0368639 0.0434911
1400 0.0461284 0.0428197 0.0496412
1600 0.0537029 0.0495981 0.0569633
1800 0.0646605 0.063378 0.0656727
2000 0.0725115 0.0702377 0.0737859
EOD
$c3 << EOD
# step mean min max (over 3 seeds)
200 0.000326593 -0.00020805 0.00060472
400 0.000869643 -0.00084647 0.002321
600 0.000260433 -0.00150303 0.00181156
800 3.66733e-05 -0.00204887 0.00226434
1000 0.000485733 -0.00175512 0.00279564
1200 0.000549837 -0.00088779 0.00329045
1400 -0.000507813 -0.00150728 0.00060582
1600 -0.000448677 -0.0013392 0.0012855
1800 -5.345e-05 -0.00065004 0.00024777
2000 -0.000174923 -0.00126078 0.00084989
EOD
$c4 << EOD
# step mean min max (over 3 seeds)
200 -0.000568217 -0.0013896 0.00027128
400 0.00146511 -0.00065558 0.00478549
600 0.00342821 0.00077526 0.00698065
800 0.00262671 0.00020717 0.00473843
1000 0.00131928 -0.00600958 0.00895768
1200 0.0010745 -0.00196095 0.00293821
1400 0.00219669 -0.00040802 0.00401454
1600 0.00139854 -0.00056159 0.0031233
1800 0.00241286 0.00080696 0.00481778
2000 0.0027326 0.00027325 0.00493948
EOD
$c5 << EOD
# step mean min max (over 3 seeds)
200 4.427e-05 -2.526e-05 8.027e-05
400 -1.36367e-05 -5.65e-05 1.368e-05
600 -2.32533e-05 -5.048e-05 2.503e-05
800 2.96667e-06 -4.127e-05 3.903e-05
1000 -6.25633e-05 -0.00012267 -3.191e-05
1200 6.47633e-05 -7.7e-06 0.0001327
1400 -5.12667e-06 -7.877e-05 7.322e-05
1600 -2.335e-05 -6.814e-05 4.295e-05
1800 4.24e-06 -5.099e-05 6.612e-05
2000 8.36667e-07 -8.29e-06 9.54e-06
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
