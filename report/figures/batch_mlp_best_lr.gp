# batch_mlp_best_lr.gp: batch_mlp: best learning rate against batch size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot batch_mlp_best_lr.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'batch_mlp_best_lr.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'batch_mlp: best learning rate against batch size' noenhanced
set logscale xy 2
set format y '%g'
set xlabel 'batch size'
set ylabel 'best learning rate'
$s0 << EOD
# batch value min max
32 0.008 0.008 0.008
64 0.016 0.016 0.016
128 0.032 0.032 0.032
256 0.032 0.032 0.032
512 0.064 0.064 0.064
1024 0.064 0.064 0.064
EOD
$s1 << EOD
# batch value min max
32 0.0005 0.0005 0.0005
64 0.001 0.001 0.001
128 0.002 0.002 0.002
256 0.002 0.002 0.002
512 0.004 0.004 0.004
1024 0.002 0.002 0.002
EOD
plot $s0 using 1:2:3:4 with yerrorlines lc rgb '#0072b2' lw 1.5 pt 7 ps 0.8 title 'momentum', \
  (x <= 512 ? 10**(-3.090309 + 0.7*log10(x)) : 1/0) with lines lc rgb '#0072b2' dt 2 title 'slope 0.70 up to the bend', \
  $s1 using 1:2:3:4 with yerrorlines lc rgb '#d55e00' lw 1.5 pt 7 ps 0.8 title 'adamw', \
  (x <= 512 ? 10**(-4.29442898 + 0.7*log10(x)) : 1/0) with lines lc rgb '#d55e00' dt 2 title 'slope 0.70 up to the bend'
