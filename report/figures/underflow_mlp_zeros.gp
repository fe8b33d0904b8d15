# underflow_mlp_zeros.gp: underflow_mlp: gradient elements lost to zero
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot underflow_mlp_zeros.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'underflow_mlp_zeros.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'underflow_mlp: gradient elements lost to zero' noenhanced
set xlabel 'log2 of the loss multiplier'
set ylabel 'zero gradient elements beyond fp32 (%)'
$f1 << EOD
# log2(multiplier) value
0 -0.137379
-3 0.347648
-6 2.0931
-9 3.91957
-12 12.5546
-15 34.4185
-18 93.8981
-21 93.9004
-24 93.9019
EOD
$f2 << EOD
# log2(multiplier) value
0 -0.183647
-3 -0.150477
-6 -0.008803
-9 -0.549985
-12 -0.349306
-15 -0.476777
-18 0.338377
-21 1.08105
-24 3.58679
EOD
$f3 << EOD
# log2(multiplier) value
0 -0.524534
-3 -0.524534
-6 -0.524534
-9 -0.524534
-12 -0.524534
-15 -0.524534
-18 -0.524534
-21 -0.524534
-24 -0.524534
EOD
plot 0 with lines lc rgb '#404040' dt 2 notitle, \
  $f1 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 title 'fp16, no loss scaling', \
  $f2 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 title 'fp16, dynamic loss scaling', \
  $f3 using 1:2 with linespoints lc rgb '#009e73' lw 2 pt 7 title 'bf16, no loss scaling'
