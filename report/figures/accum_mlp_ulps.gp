# accum_mlp_ulps.gp: accum_mlp: weight distance, k micro-batches against one batch
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot accum_mlp_ulps.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'accum_mlp_ulps.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'accum_mlp: weight distance, k micro-batches against one batch' noenhanced
set xlabel 'optimizer steps'
set ylabel 'relative weight distance (ε)'
set logscale xy
$s0 << EOD
1 3271
25 10696.3
400 299601
EOD
$s1 << EOD
1 4687.35
25 14596.2
400 282323
EOD
$s2 << EOD
1 5830.59
25 23123.8
400 261401
EOD
$s3 << EOD
1 0.719391
25 0.755921
400 1.14693
EOD
$s4 << EOD
1 1.10375
25 1.12946
400 9.36655
EOD
$s5 << EOD
1 4.03196
25 4.03356
400 3.93537
EOD
plot $s0 using 1:2 with linespoints lw 2 pt 7 lc rgb '#0072b2' title 'k = 2, precision=bf16', \
  $s1 using 1:2 with linespoints lw 2 pt 7 lc rgb '#d55e00' title 'k = 4, precision=bf16', \
  $s2 using 1:2 with linespoints lw 2 pt 7 lc rgb '#009e73' title 'k = 8, precision=bf16', \
  $s3 using 1:2 with linespoints lw 2 pt 7 lc rgb '#cc79a7' title 'k = 2, precision=fp32', \
  $s4 using 1:2 with linespoints lw 2 pt 7 lc rgb '#e69f00' title 'k = 4, precision=fp32', \
  $s5 using 1:2 with linespoints lw 2 pt 7 lc rgb '#56b4e9' title 'k = 8, precision=fp32'
