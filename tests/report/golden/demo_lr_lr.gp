# demo_lr_lr.gp: demo_lr: final validation loss (nats) against learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot demo_lr_lr.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'demo_lr_lr.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'demo_lr: final validation loss (nats) against learning rate' noenhanced
set xrange [0.000666667:0.15]
set logscale x 10
set format x '10^{%L}'
set xlabel 'peak learning rate'
set ylabel 'final validation loss (nats)'
set yrange [0.020556:1.0514]
$s0 << EOD
# lr mean min max
0.001 0.9241 0.9191 0.9291
0.01 0.515 0.51 0.52
EOD
$d0 << EOD
# lr (a seed diverged)
0.1 0.998988
EOD
$s1 << EOD
# lr mean min max
0.001 0.4695 0.4645 0.4745
0.01 0.265 0.26 0.27
0.1 0.0605 0.0555 0.0655
EOD
$d1 << EOD
# lr (a seed diverged)
EOD
plot \
  $s0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $s0 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 ps 0.7 title 'sgd', \
  $d0 using 1:2 with points lc rgb '#0072b2' pt 2 ps 1.4 lw 2 title 'sgd diverged', \
  $s1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $s1 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 ps 0.7 title 'adamw'
