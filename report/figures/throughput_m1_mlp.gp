# throughput_m1_mlp.gp: mlp on vm, Intel(R) Xeon(R) Processor: throughput against size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot throughput_m1_mlp.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'throughput_m1_mlp.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'mlp on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
$l0 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.503 52.0509 0.758759 0.703899
0.128909 2.3292 55.3448 0.742883 0.954511
0.41078 6.4585 63.603 0.778495 1.22601
2.44842 35.5927 68.7899 0.853473 1.46105
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.3697 70.8185 0.51996 0.750316
0.128909 1.4002 92.0647 0.694304 0.958091
0.41078 4.3387 94.6781 0.659778 1.16533
2.44842 26.2723 93.194 0.58101 1.41764
EOD
$l2 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 1.0399 25.177 0.804378 0.858361
0.128909 4.854 26.5573 0.829915 1.04125
0.41078 15.0739 27.2511 0.879067 1.31048
2.44842 83.7936 29.2197 1.24339 1.48413
EOD
$l3 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.6631 39.4836 0.829488 0.887473
0.128909 2.7243 47.3182 0.844968 1.05785
0.41078 8.4234 48.7665 0.932438 1.26136
2.44842 45.0746 54.3193 0.985831 1.47177
EOD
$l4 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.6763 38.713 0.476761 0.888966
0.128909 2.6369 48.8866 0.614925 1.03446
0.41078 7.8781 52.142 0.643729 1.30963
2.44842 43.4752 56.3176 0.691863 1.50438
EOD
$l5 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.5295 49.4459 0.31059 0.995522
0.128909 1.8711 68.8948 0.442484 1.16737
0.41078 5.3837 76.3007 0.488794 1.38607
2.44842 24.4513 100.135 0.621954 1.50989
EOD
$l6 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 1.2058 21.7131 0.695931 0.924095
0.128909 5.0893 25.3294 0.804108 1.09186
0.41078 16.5266 24.8557 0.927451 1.37604
2.44842 87.7102 27.9149 0.858919 1.52159
EOD
$l7 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.7993 32.7557 0.989597 0.964658
0.128909 3.2648 39.4845 0.671505 1.14093
0.41078 14.7322 27.8831 0.648445 1.3586
2.44842 48.7039 50.2715 0.773408 1.53985
EOD
set terminal svg size 1100,960 dynamic enhanced font 'sans,11' background '#ffffff'
set output 'throughput_m1_mlp.svg'
set key off
set multiplot layout 2,2 margins 0.08,0.98,0.250,0.93 spacing 0.1,0.12 title 'mlp on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
unset title
set logscale x 10
set xlabel 'matmul GFLOP per step'
set logscale y 10
set ylabel 'ms per step'
plot \
  $l0 using 1:2 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:2 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads', \
  $l2 using 1:2 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 1 thread', \
  $l3 using 1:2 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 2 threads', \
  $l4 using 1:2 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:2 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 2 threads', \
  $l6 using 1:2 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 1 thread', \
  $l7 using 1:2 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 2 threads'
set logscale y 10
set ylabel 'GFLOP/s'
plot \
  $l0 using 1:3 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:3 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads', \
  $l2 using 1:3 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 1 thread', \
  $l3 using 1:3 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 2 threads', \
  $l4 using 1:3 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:3 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 2 threads', \
  $l6 using 1:3 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 1 thread', \
  $l7 using 1:3 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 2 threads'
unset logscale y
set ylabel 'fraction of sgemm peak'
plot \
  $l0 using 1:4 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:4 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads', \
  $l2 using 1:4 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 1 thread', \
  $l3 using 1:4 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 2 threads', \
  $l4 using 1:4 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:4 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 2 threads', \
  $l6 using 1:4 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 1 thread', \
  $l7 using 1:4 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 2 threads'
unset logscale y
set ylabel 'backward / forward time'
set key at screen 0.5, 0.01 center bottom vertical maxrows 8 noenhanced font 'sans,10'
plot \
  $l0 using 1:5 with linespoints lc rgb '#0072b2' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 1 thread', \
  $l1 using 1:5 with linespoints lc rgb '#d55e00' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Haswell kernels, 2 threads', \
  $l2 using 1:5 with linespoints lc rgb '#009e73' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 1 thread', \
  $l3 using 1:5 with linespoints lc rgb '#cc79a7' dt 1 lw 2 pt 7 ps 0.6 title 'fp32, adamw, Prescott kernels, 2 threads', \
  $l4 using 1:5 with linespoints lc rgb '#e69f00' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 1 thread', \
  $l5 using 1:5 with linespoints lc rgb '#56b4e9' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Haswell kernels, 2 threads', \
  $l6 using 1:5 with linespoints lc rgb '#000000' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 1 thread', \
  $l7 using 1:5 with linespoints lc rgb '#999999' dt 1 lw 2 pt 7 ps 0.6 title 'bf16 products, fp32 weights, adamw, Prescott kernels, 2 threads'
unset multiplot
