# batch_mlp_examples.gp: batch_mlp: examples to the target against batch size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot batch_mlp_examples.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'batch_mlp_examples.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'batch_mlp: examples to the target against batch size' noenhanced
set logscale xy 2
set format y '%g'
set xlabel 'batch size'
set ylabel 'examples to the target'
$s0 << EOD
# batch value min max
32 13602 12109.3 15094.7
64 18248.6 17447.6 19049.6
128 17221.7 16285.3 18158.1
256 21788.1 19870.8 23705.4
512 25448.3 24019.1 26877.6
1024 47039.4 45863.2 48215.6
EOD
$s1 << EOD
# batch value min max
32 13521.1 12095 14947.2
64 12776.5 12169.8 13383.3
128 16977.6 16082.6 17872.6
256 17896.9 17400.3 18393.6
512 23278.8 22372.7 24184.8
1024 36232.9 34398.2 38067.6
EOD
plot $s0 using 1:2:3:4 with yerrorlines lc rgb '#0072b2' lw 1.5 pt 7 ps 0.8 title 'momentum', \
  13752.4477 + 28.7391726*x with lines lc rgb '#0072b2' dt 2 title 'fit E_min + S_min B', \
  $s1 using 1:2:3:4 with yerrorlines lc rgb '#d55e00' lw 1.5 pt 7 ps 0.8 title 'adamw', \
  12376.5079 + 22.6857987*x with lines lc rgb '#d55e00' dt 2 title 'fit E_min + S_min B'
