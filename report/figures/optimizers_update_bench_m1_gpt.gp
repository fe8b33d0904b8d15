# optimizers_update_bench_m1_gpt.gp: gpt on vm, Intel(R) Xeon(R) Processor: throughput against size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot optimizers_update_bench_m1_gpt.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'optimizers_update_bench_m1_gpt.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'gpt on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
$l0 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 414.279 51.3 0.645282 1.64821
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 421.274 50.4481 0.634568 1.64731
EOD
$l2 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 446.163 47.634 0.603726 1.70965
EOD
$l3 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 427.671 49.6936 0.633847 1.66224
EOD
$l4 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 451.853 47.0341 0.703465 1.66008
EOD
$l5 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 430.279 49.3923 0.735005 1.62727
EOD
$l6 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 465.665 45.639 0.585116 1.63168
EOD
$l7 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 489.664 43.4022 0.619148 1.6463
EOD
$l8 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
21.2525 430.565 49.3596 0.685495 1.61893
EOD
set terminal svg size 1100,980 dynamic enhanced font 'sans,11' background '#ffffff'
set output 'optimizers_update_bench_m1_gpt.svg'
set key off
set multiplot layout 2,2 margins 0.08,0.98,0.265,0.93 spacing 0.1,0.12 title 'gpt on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
unset title
set logscale x 10
set xlabel 'matmul GFLOP per step'
set logscale y 10
set ylabel 'ms per step'
plot \
  $l0 using 1:2 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, sgd, Haswell kernels, 1 thread', \
  $l1 using 1:2 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, momentum, Haswell kernels, 1 thread', \
  $l2 using 1:2 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, nesterov, Haswell kernels, 1 thread', \
  $l3 using 1:2 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adam, Haswell kernels, 1 thread', \
  $l4 using 1:2 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:2 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, lion, Haswell kernels, 1 thread', \
  $l6 using 1:2 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, shampoo, Haswell kernels, 1 thread', \
  $l7 using 1:2 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, muon, Haswell kernels, 1 thread', \
  $l8 using 1:2 with linespoints lc rgb '#0072b2' dt 2 lw 2 pt 7 ps 0.6 title 'fp32, schedulefree, Haswell kernels, 1 thread'
set logscale y 10
set ylabel 'GFLOP/s'
plot \
  $l0 using 1:3 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, sgd, Haswell kernels, 1 thread', \
  $l1 using 1:3 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, momentum, Haswell kernels, 1 thread', \
  $l2 using 1:3 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, nesterov, Haswell kernels, 1 thread', \
  $l3 using 1:3 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adam, Haswell kernels, 1 thread', \
  $l4 using 1:3 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:3 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, lion, Haswell kernels, 1 thread', \
  $l6 using 1:3 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, shampoo, Haswell kernels, 1 thread', \
  $l7 using 1:3 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, muon, Haswell kernels, 1 thread', \
  $l8 using 1:3 with linespoints lc rgb '#0072b2' dt 2 lw 2 pt 7 ps 0.6 title 'fp32, schedulefree, Haswell kernels, 1 thread'
unset logscale y
set ylabel 'fraction of sgemm peak'
plot \
  $l0 using 1:4 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, sgd, Haswell kernels, 1 thread', \
  $l1 using 1:4 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, momentum, Haswell kernels, 1 thread', \
  $l2 using 1:4 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, nesterov, Haswell kernels, 1 thread', \
  $l3 using 1:4 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adam, Haswell kernels, 1 thread', \
  $l4 using 1:4 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:4 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, lion, Haswell kernels, 1 thread', \
  $l6 using 1:4 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, shampoo, Haswell kernels, 1 thread', \
  $l7 using 1:4 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, muon, Haswell kernels, 1 thread', \
  $l8 using 1:4 with linespoints lc rgb '#0072b2' dt 2 lw 2 pt 7 ps 0.6 title 'fp32, schedulefree, Haswell kernels, 1 thread'
unset logscale y
set ylabel 'backward / forward time'
set key at screen 0.5, 0.01 center bottom vertical maxrows 9 noenhanced font 'sans,10'
plot \
  $l0 using 1:5 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, sgd, Haswell kernels, 1 thread', \
  $l1 using 1:5 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, momentum, Haswell kernels, 1 thread', \
  $l2 using 1:5 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, nesterov, Haswell kernels, 1 thread', \
  $l3 using 1:5 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adam, Haswell kernels, 1 thread', \
  $l4 using 1:5 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:5 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, lion, Haswell kernels, 1 thread', \
  $l6 using 1:5 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, shampoo, Haswell kernels, 1 thread', \
  $l7 using 1:5 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, muon, Haswell kernels, 1 thread', \
  $l8 using 1:5 with linespoints lc rgb '#0072b2' dt 2 lw 2 pt 7 ps 0.6 title 'fp32, schedulefree, Haswell kernels, 1 thread'
unset multiplot
