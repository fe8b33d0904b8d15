# underflow_mlp_gap.gp: underflow_mlp: final validation loss against fp32 as the gradients shrink
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot underflow_mlp_gap.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'underflow_mlp_gap.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'underflow_mlp: final validation loss against fp32 as the gradients shrink' noenhanced
set xlabel 'log2 of the loss multiplier'
set ylabel 'relative gap to fp32 (%)'
$f1 << EOD
# log2(multiplier) value
0 -0.0825564
-3 0.160927
-6 0.26638
-9 0.494185
-12 1.08184
-15 33.1623
-18 701.198
-21 706.385
-24 733.529
EOD
$f2 << EOD
# log2(multiplier) value
0 -0.533086
-3 -0.324212
-6 -0.0436129
-9 -0.117574
-12 -0.238012
-15 -0.472877
-18 -0.0252454
-21 0.00536322
-24 0.121948
EOD
$f3 << EOD
# log2(multiplier) value
0 0.310222
-3 0.310222
-6 0.310222
-9 0.310222
-12 0.310222
-15 0.310222
-18 0.310222
-21 0.310222
-24 0.310222
EOD
plot 0 with lines lc rgb '#404040' dt 2 notitle, \
  $f1 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 title 'fp16, no loss scaling', \
  $f2 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 title 'fp16, dynamic loss scaling', \
  $f3 using 1:2 with linespoints lc rgb '#009e73' lw 2 pt 7 title 'bf16, no loss scaling'
