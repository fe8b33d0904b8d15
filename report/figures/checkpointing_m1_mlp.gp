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
0.0261816 0.5022 52.1338 0.665821 0.717301
0.0261816 0.6823 38.3726 0.62496 0.787208
0.128909 2.1398 60.2435 0.76065 0.927683
0.128909 2.9003 44.4468 0.566201 1.69156
0.41078 6.333 64.8634 0.784322 1.20834
0.41078 8.1137 50.628 0.618924 1.73323
0.457048 10.4091 43.9085 0.715122 1.43709
0.457048 11.054 41.3468 0.527383 2.22008
2.44842 36.2763 67.4937 0.827128 1.42134
2.44842 46.5226 52.6286 0.831416 1.81655
EOD
$l1 << EOD
# gflop_per_step ms gflops peak_fraction bwd_fwd
0.0261816 0.4218 62.0711 0.510034 0.77745
0.0261816 0.4254 61.5458 0.407319 0.773217
0.128909 1.48 87.1007 0.647589 0.913643
0.128909 1.643 78.4595 0.496579 1.66334
0.41078 3.5863 114.541 0.717229 1.18856
0.41078 4.4712 91.8724 0.563289 1.71049
0.457048 5.7573 79.3858 0.644365 1.31755
0.457048 7.632 59.8857 0.48648 2.14617
2.44842 29.7654 82.2573 0.754654 1.40001
2.44842 30.9393 79.1362 0.638196 1.80743
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
