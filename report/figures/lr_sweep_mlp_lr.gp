# lr_sweep_mlp_lr.gp: lr_sweep_mlp: final validation loss (nats) against learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot lr_sweep_mlp_lr.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'lr_sweep_mlp_lr.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'lr_sweep_mlp: final validation loss (nats) against learning rate' noenhanced
set xrange [6.66667e-07:1.5]
set logscale x 10
set format x '10^{%L}'
set xlabel 'peak learning rate'
set ylabel 'final validation loss (nats)'
set yrange [0.213532:3.4779]
$s0 << EOD
# lr mean min max
1e-06 2.99588 2.82955 3.0906
2.154e-06 2.92181 2.78585 3.00965
4.642e-06 2.78421 2.69695 2.86108
1e-05 2.55435 2.51638 2.61963
2.154e-05 2.21615 2.13446 2.27555
4.642e-05 1.78419 1.6771 1.84305
0.0001 1.34745 1.25424 1.39432
0.0002154 1.01395 0.965215 1.04184
0.0004642 0.796676 0.770973 0.814684
0.001 0.651593 0.634494 0.665682
0.002154 0.545014 0.534581 0.552999
0.004642 0.468465 0.465275 0.47064
0.01 0.418339 0.413235 0.426417
0.02154 0.38561 0.376179 0.399818
0.04642 0.361438 0.351292 0.37091
0.1 0.346592 0.335855 0.354714
0.2154 0.336874 0.328496 0.345252
EOD
$d0 << EOD
# lr (a seed diverged)
0.2154 3.31191
0.4642 3.31191
1 3.31191
EOD
$s1 << EOD
# lr mean min max
1e-06 2.55635 2.5186 2.62161
2.154e-06 2.21874 2.13713 2.27806
4.642e-06 1.7871 1.67991 1.84601
1e-05 1.34971 1.25588 1.39695
2.154e-05 1.01544 0.966385 1.0433
4.642e-05 0.797841 0.77206 0.81558
0.0001 0.652977 0.635759 0.666566
0.0002154 0.546619 0.535596 0.553633
0.0004642 0.469838 0.464628 0.472931
0.001 0.414361 0.414178 0.41459
0.002154 0.377457 0.372871 0.380018
0.004642 0.350279 0.343816 0.360646
0.01 0.340162 0.335131 0.344924
0.02154 0.338527 0.333721 0.347807
0.04642 0.355889 0.339727 0.380624
0.1 0.401754 0.37003 0.419449
0.2154 2.30683 2.30675 2.30691
EOD
$d1 << EOD
# lr (a seed diverged)
0.2154 3.31191
0.4642 3.31191
1 3.31191
EOD
$s2 << EOD
# lr mean min max
1e-06 1.65754 1.61772 1.72995
2.154e-06 1.11231 1.08878 1.15258
4.642e-06 0.77868 0.768011 0.792546
1e-05 0.591097 0.587266 0.598543
2.154e-05 0.47959 0.474674 0.484539
4.642e-05 0.411402 0.409531 0.412697
0.0001 0.368363 0.366357 0.370685
0.0002154 0.341894 0.33598 0.345622
0.0004642 0.333572 0.324188 0.343393
0.001 0.340427 0.327822 0.350762
0.002154 0.347315 0.331783 0.358145
0.004642 0.368513 0.350227 0.398342
0.01 0.395018 0.378798 0.418921
EOD
$d2 << EOD
# lr (a seed diverged)
0.02154 3.31191
0.04642 3.31191
0.1 3.31191
0.2154 3.31191
0.4642 3.31191
1 3.31191
EOD
plot \
  $s0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $s0 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 ps 0.7 title 'sgd', \
  $d0 using 1:2 with points lc rgb '#0072b2' pt 2 ps 1.4 lw 2 title 'sgd diverged', \
  $s1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $s1 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 ps 0.7 title 'momentum', \
  $d1 using 1:2 with points lc rgb '#d55e00' pt 2 ps 1.4 lw 2 title 'momentum diverged', \
  $s2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $s2 using 1:2 with linespoints lc rgb '#009e73' lw 2 pt 7 ps 0.7 title 'adamw', \
  $d2 using 1:2 with points lc rgb '#009e73' pt 2 ps 1.4 lw 2 title 'adamw diverged'
