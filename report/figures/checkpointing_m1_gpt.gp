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
0.025215 1.387 18.1795 0.302488 0.946867
0.025215 1.4063 17.93 0.299833 0.941896
0.692847 23.4438 29.5535 0.513974 1.30084
0.692847 21.1741 32.7214 0.40953 1.68999
2.65814 96.5107 27.5424 0.457516 1.37012
2.65814 88.6639 29.98 0.404588 2.20531
9.29327 203.237 45.7263 0.854697 1.51851
9.29327 259.582 35.8009 0.473557 2.17256
21.2525 429.659 49.4637 0.625331 1.63416
21.2525 624.652 34.0229 0.419518 2.41746
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.025215 1.2022 20.974 0.184631 1.00575
0.025215 1.2885 19.5693 0.181029 0.87557
0.692847 15.1699 45.6725 0.437895 1.39098
0.692847 16.7624 41.3334 0.266495 1.72668
2.65814 42.7067 62.2418 0.421121 1.48639
2.65814 73.7626 36.0364 0.254136 2.2423
9.29327 113.178 82.1123 0.496747 1.55062
9.29327 138.714 66.9961 0.422688 2.23248
21.2525 261.401 81.3022 0.714431 1.65681
21.2525 402.041 52.8616 0.401989 2.50093
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
