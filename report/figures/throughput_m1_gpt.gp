# throughput_m1_gpt.gp: gpt on vm, Intel(R) Xeon(R) Processor: throughput against size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot throughput_m1_gpt.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'throughput_m1_gpt.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'gpt on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
$l0 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 0.9314 27.0721 0.335883 0.857027
0.692847 16.4559 42.1033 0.512205 1.24489
9.29327 200.073 46.4493 0.599346 1.51732
21.2525 423.151 50.2244 0.675967 1.64843
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 0.8427 29.9217 0.233581 0.966507
0.692847 9.7092 71.3598 0.451359 1.40559
9.29327 116.943 79.4684 0.530851 1.59919
21.2525 260.987 81.4314 0.507993 1.72592
EOD
$l2 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.4646 17.2163 0.54829 1.16867
0.692847 30.2034 22.9394 0.7376 1.51829
9.29327 384.108 24.1945 0.744445 1.72297
21.2525 944.129 22.5102 0.735627 1.7958
EOD
$l3 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.3372 18.8566 0.448966 1.08456
0.692847 16.6509 41.6102 0.632374 1.61209
9.29327 215.025 43.2195 1.0098 1.85157
21.2525 643.662 33.0181 0.943375 2.01529
EOD
$l4 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.7367 14.5189 0.215734 1.13834
0.692847 20.6281 33.5875 0.410606 1.41078
9.29327 248.459 37.4036 0.444223 1.66098
21.2525 563.24 37.7326 0.477628 1.79264
EOD
$l5 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.2389 20.3527 0.163607 1.21874
0.692847 12.4007 55.8716 0.333761 1.59471
9.29327 144.268 64.4167 0.397634 1.77867
21.2525 369.589 57.5031 0.413394 2.04033
EOD
$l6 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.718 14.6769 0.447468 1.28843
0.692847 36.3648 19.0527 0.630884 1.61473
9.29327 442.021 21.0245 0.735123 1.81601
21.2525 1033.22 20.5692 0.71421 1.88797
EOD
$l7 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.5293 16.4879 0.249062 1.26396
0.692847 27.7458 24.9712 0.390176 1.73276
9.29327 405.944 22.893 0.59155 1.91929
21.2525 546.941 38.857 0.66309 2.0233
EOD
set terminal svg size 1100,960 dynamic enhanced font 'sans,11' background '#ffffff'
set output 'throughput_m1_gpt.svg'
set key off
set multiplot layout 2,2 margins 0.08,0.98,0.250,0.93 spacing 0.1,0.12 title 'gpt on vm, Intel(R) Xeon(R) Processor: throughput against size' noenhanced
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
