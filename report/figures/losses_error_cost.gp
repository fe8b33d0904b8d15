# losses_error_cost.gp: losses: the cost of an error under MSE and cross-entropy
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot losses_error_cost.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'losses_error_cost.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'losses: the cost of an error under MSE and cross-entropy' noenhanced
set xlabel 'error'
set ylabel 'loss'
set xrange [0:3]
set yrange [0:*]
set samples 200
$mse_error << EOD
# error loss
1 1
2 4
EOD
$ce_error << EOD
# error loss
1 1.31326
2 2.12693
EOD
plot x**2 with lines lc rgb '#0072b2' lw 2 title 'MSE: w²', \
  log(1 + exp(x)) with lines lc rgb '#d55e00' lw 2 title 'cross-entropy: log(1 + e^w)', \
  $mse_error using 1:2 with points lc rgb '#0072b2' pt 7 ps 1.2 title 'MSE runs', \
  $ce_error using 1:2 with points lc rgb '#d55e00' pt 7 ps 1.2 title 'cross-entropy runs'
