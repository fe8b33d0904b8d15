# batch_mlp_steps.gp: batch_mlp: steps to the target against batch size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot batch_mlp_steps.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'batch_mlp_steps.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'batch_mlp: steps to the target against batch size' noenhanced
set logscale xy 2
set format y '%g'
set xlabel 'batch size'
set ylabel 'steps to the target'
$s0 << EOD
# batch value min max
32 425.062 378.414 471.71
64 285.134 272.618 297.649
128 134.544 127.229 141.86
256 85.1097 77.6202 92.5993
512 49.7038 46.9123 52.4953
1024 45.9369 44.7883 47.0855
EOD
$s1 << EOD
# batch value min max
32 422.535 377.969 467.101
64 199.633 190.153 209.114
128 132.638 125.645 139.63
256 69.9099 67.9698 71.8501
512 45.4664 43.6967 47.236
1024 35.3837 33.592 37.1754
EOD
plot $s0 using 1:2:3:4 with yerrorlines lc rgb '#0072b2' lw 1.5 pt 7 ps 0.8 title 'momentum', \
  28.7391726 + 13752.4477/x with lines lc rgb '#0072b2' dt 2 title 'fit S_min + E_min/B', \
  $s1 using 1:2:3:4 with yerrorlines lc rgb '#d55e00' lw 1.5 pt 7 ps 0.8 title 'adamw', \
  22.6857987 + 12376.5079/x with lines lc rgb '#d55e00' dt 2 title 'fit S_min + E_min/B'
