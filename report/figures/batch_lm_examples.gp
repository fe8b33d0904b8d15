# batch_lm_examples.gp: batch_lm: examples to the target against batch size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot batch_lm_examples.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'batch_lm_examples.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'batch_lm: examples to the target against batch size' noenhanced
set logscale xy 2
set format y '%g'
set xlabel 'batch size'
set ylabel 'examples to the target'
$s0 << EOD
# batch value min max
2 941.187 889.693 987.291
4 1040.94 984.927 1142.41
8 1088.1 998.206 1136.55
16 1629.76 1501.58 1784.03
32 2706.27 2492.3 2855.28
64 4792.43 4364.43 5418.91
EOD
$s1 << EOD
# batch value min max
2 739.533 674.315 793.096
4 681.709 646.54 743.469
8 883.801 822.526 958.95
16 1078.31 914.811 1199.05
32 1607.96 1532.78 1649.08
64 2767.48 2664.19 2865.76
EOD
plot $s0 using 1:2:3:4 with yerrorlines lc rgb '#0072b2' lw 1.5 pt 7 ps 0.8 title 'momentum', \
  755.173173 + 58.965556*x with lines lc rgb '#0072b2' dt 2 title 'fit E_min + S_min B', \
  $s1 using 1:2:3:4 with yerrorlines lc rgb '#d55e00' lw 1.5 pt 7 ps 0.8 title 'adamw', \
  607.877256 + 32.039064*x with lines lc rgb '#d55e00' dt 2 title 'fit E_min + S_min B'
