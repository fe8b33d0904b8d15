# lr_sweep_lm_lr.gp: lr_sweep_lm: final validation loss (nats) against learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot lr_sweep_lm_lr.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'lr_sweep_lm_lr.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'lr_sweep_lm: final validation loss (nats) against learning rate' noenhanced
set xrange [6.66667e-06:15]
set logscale x 10
set format x '10^{%L}'
set xlabel 'peak learning rate'
set ylabel 'final validation loss (nats)'
set yrange [1.80496:4.59819]
$s0 << EOD
# lr mean min max
1e-05 4.25805 4.24824 4.26679
3.162e-05 4.17287 4.16582 4.18083
0.0001 3.99813 3.99543 4.00218
0.0003162 3.6798 3.67652 3.68197
0.001 3.30101 3.29606 3.30842
0.003162 2.91814 2.9116 2.92432
0.01 2.57784 2.57561 2.58225
0.03162 2.43455 2.4307 2.44148
0.1 2.37635 2.36468 2.39369
0.3162 2.35651 2.33257 2.3814
EOD
$d0 << EOD
# lr (a seed diverged)
1 4.45616
3.162 4.45616
10 4.45616
EOD
$s1 << EOD
# lr mean min max
1e-05 4.00223 3.99948 4.00633
3.162e-05 3.6877 3.68447 3.6897
0.0001 3.30608 3.30077 3.3135
0.0003162 2.92954 2.92278 2.93605
0.001 2.5844 2.58106 2.58772
0.003162 2.42882 2.42029 2.43539
0.01 2.3595 2.34851 2.37553
0.03162 2.30504 2.29336 2.31955
0.1 2.27612 2.25711 2.30048
0.3162 2.28473 2.2368 2.35145
EOD
$d1 << EOD
# lr (a seed diverged)
1 4.45616
3.162 4.45616
10 4.45616
EOD
$s2 << EOD
# lr mean min max
1e-05 3.60017 3.59615 3.60254
3.162e-05 3.04553 3.04465 3.04614
0.0001 2.48427 2.48001 2.48687
0.0003162 2.30163 2.29479 2.30619
0.001 2.10634 2.07296 2.14171
0.003162 1.9069 1.89964 1.91144
0.01 2.19738 2.06613 2.32458
0.03162 2.52503 2.50698 2.53523
0.1 2.9125 2.78787 3.05919
EOD
$d2 << EOD
# lr (a seed diverged)
0.3162 4.45616
1 4.45616
3.162 4.45616
10 4.45616
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
