# lr_sweep_lm_train.gp: lr_sweep_lm: training loss (nats, mean since the previous row) at each series' best learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot lr_sweep_lm_train.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'lr_sweep_lm_train.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'lr_sweep_lm: training loss (nats, mean since the previous row) at each series'' best learning rate' noenhanced
set xlabel 'optimizer step'
set ylabel 'training loss (nats, mean since the previous row)'
$c0 << EOD
# step mean min max
100 2.86261 2.85421 2.87239
200 2.48167 2.47504 2.48757
300 2.42515 2.42458 2.42588
400 2.39147 2.3848 2.40181
500 2.36351 2.34636 2.37424
600 2.3437 2.33723 2.34726
EOD
$c1 << EOD
# step mean min max
100 2.73205 2.721 2.75313
200 2.39638 2.38628 2.40401
300 2.34217 2.34058 2.34383
400 2.30239 2.29977 2.30598
500 2.27793 2.27466 2.2838
600 2.2508 2.24866 2.25471
EOD
$c2 << EOD
# step mean min max
100 2.64189 2.62817 2.66463
200 2.31893 2.28875 2.3368
300 2.17218 2.15371 2.19609
400 2.03453 2.01625 2.05207
500 1.9383 1.91748 1.95528
600 1.86597 1.84972 1.87995
EOD
plot \
  $c0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $c0 using 1:2 with lines lc rgb '#0072b2' lw 2 title 'sgd (lr 0.3162)', \
  $c1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $c1 using 1:2 with lines lc rgb '#d55e00' lw 2 title 'momentum (lr 0.1)', \
  $c2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $c2 using 1:2 with lines lc rgb '#009e73' lw 2 title 'adamw (lr 0.003162)'
