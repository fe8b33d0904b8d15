# speed_m1_mlp.gp: mlp on vm, Intel(R) Xeon(R) Processor: throughput against size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot speed_m1_mlp.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'speed_m1_mlp.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'mlp on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
$l0 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.128909 2.1461 60.0666 0.749939 0.922459
2.44842 37.6361 65.0551 0.857528 1.40435
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.128909 1.4339 89.901 0.685446 0.91005
2.44842 18.9071 129.497 0.79986 1.39577
EOD
set terminal svg size 1100,840 dynamic enhanced font 'sans,11' background '#ffffff'
set output 'speed_m1_mlp.svg'
set key off
set multiplot layout 2,2 margins 0.08,0.98,0.143,0.93 spacing 0.1,0.12 title 'mlp on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
unset title
set logscale x 10
set xlabel 'matmul GFLOP per step'
set logscale y 10
set ylabel 'ms per step'
plot \
  $l0 using 1:2 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:2 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads'
set logscale y 10
set ylabel 'GFLOP/s'
plot \
  $l0 using 1:3 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:3 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads'
unset logscale y
set ylabel 'fraction of sgemm peak'
plot \
  $l0 using 1:4 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:4 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads'
unset logscale y
set ylabel 'backward / forward time'
set key at screen 0.5, 0.01 center bottom vertical maxrows 2 noenhanced font 'sans,10'
plot \
  $l0 using 1:5 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:5 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads'
unset multiplot
