# batch_lm_best_lr.gp: batch_lm: best learning rate against batch size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot batch_lm_best_lr.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'batch_lm_best_lr.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'batch_lm: best learning rate against batch size' noenhanced
set logscale xy 2
set format y '%g'
set xlabel 'batch size'
set ylabel 'best learning rate'
$s0 << EOD
# batch value min max
2 0.025 0.025 0.025
4 0.2 0.2 0.2
8 0.2 0.2 0.2
16 0.2 0.2 0.2
32 0.2 0.2 0.2
64 0.2 0.2 0.2
EOD
$s1 << EOD
# batch value min max
2 0.0025 0.0025 0.0025
4 0.005 0.005 0.005
8 0.005 0.005 0.005
16 0.005 0.005 0.005
32 0.005 0.005 0.005
64 0.005 0.005 0.005
EOD
plot $s0 using 1:2:3:4 with yerrorlines lc rgb '#0072b2' lw 1.5 pt 7 ps 0.8 title 'momentum', \
  $s1 using 1:2:3:4 with yerrorlines lc rgb '#d55e00' lw 1.5 pt 7 ps 0.8 title 'adamw'
