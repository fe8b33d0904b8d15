# checkpointing_m1_mlp.gp: mlp on vm, Intel(R) Xeon(R) Processor: throughput against size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot checkpointing_m1_mlp.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'checkpointing_m1_mlp.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'mlp on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
$l0 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.6041 43.3398 0.734574 0.722617
0.0261816 0.8528 30.7008 0.6546 0.794915
0.128909 3.6208 35.6024 0.770614 1.00632
0.128909 4.0955 31.4758 0.657114 1.781
0.41078 12.0624 34.0546 0.842935 1.28337
0.41078 15.136 27.1393 0.652386 1.87256
0.457048 14.7007 31.0902 0.738485 1.52737
0.457048 11.7604 38.8633 0.606292 2.34977
2.44842 39.6637 61.7295 0.938138 1.46793
2.44842 48.9965 49.9713 1.20123 1.89988
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.6218 42.1061 0.520471 0.776596
0.0261816 1.069 24.4917 0.2895 0.765875
0.128909 3.4614 37.2419 0.397035 0.617727
0.128909 3.3273 38.7428 0.49166 1.73508
0.41078 7.153 57.4277 0.70986 1.22169
0.41078 8.2551 49.7608 0.584733 1.81263
0.457048 8.5224 53.629 0.641496 1.4481
0.457048 10.2506 44.5874 0.45451 2.25196
2.44842 37.7018 64.9417 0.608069 1.43712
2.44842 46.5752 52.5692 0.502573 1.86837
EOD
set terminal svg size 1100,840 dynamic enhanced font 'sans,11' background '#ffffff'
set output 'checkpointing_m1_mlp.svg'
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
