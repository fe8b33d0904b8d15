# checkpointing_m1_gpt.gp: gpt on vm, Intel(R) Xeon(R) Processor: throughput against size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot checkpointing_m1_gpt.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'checkpointing_m1_gpt.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'gpt on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
$l0 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.7775 14.1857 0.337754 0.843154
0.025215 1.7049 14.7897 0.337665 0.850297
0.692847 18.0714 38.3394 0.53472 1.2332
0.692847 33.1309 20.9124 0.430297 1.81977
2.65814 65.3424 40.6802 0.500987 1.25964
2.65814 97.8714 27.1595 0.360206 2.2045
9.29327 237.015 39.2096 0.836027 1.52894
9.29327 461.921 20.1187 0.465712 2.13825
21.2525 489.462 43.4201 0.645172 1.65057
21.2525 552.304 38.4797 0.604077 2.41167
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.4745 17.1007 0.200948 0.888918
0.025215 1.076 23.434 0.185689 0.992473
0.692847 15.3005 45.2826 0.457863 1.47163
0.692847 19.0289 36.4102 0.390249 1.87214
2.65814 48.966 54.2854 0.439914 1.4964
2.65814 56.1085 47.375 0.324042 2.36117
9.29327 179.519 51.7675 0.349073 1.64431
9.29327 216.836 42.8585 0.370428 2.30805
21.2525 336.24 63.2063 0.562834 1.76707
21.2525 346.723 61.2954 0.520777 2.45425
EOD
set terminal svg size 1100,840 dynamic enhanced font 'sans,11' background '#ffffff'
set output 'checkpointing_m1_gpt.svg'
set key off
set multiplot layout 2,2 margins 0.08,0.98,0.143,0.93 spacing 0.1,0.12 title 'gpt on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
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
