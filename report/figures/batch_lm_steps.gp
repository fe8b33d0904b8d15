# batch_lm_steps.gp: batch_lm: steps to the target against batch size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot batch_lm_steps.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'batch_lm_steps.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'batch_lm: steps to the target against batch size' noenhanced
set logscale xy 2
set format y '%g'
set xlabel 'batch size'
set ylabel 'steps to the target'
$s0 << EOD
# batch value min max
2 470.594 444.846 493.646
4 260.235 246.232 285.603
8 136.013 124.776 142.069
16 101.86 93.8488 111.502
32 84.571 77.8843 89.2274
64 74.8817 68.1943 84.6704
EOD
$s1 << EOD
# batch value min max
2 369.767 337.158 396.548
4 170.427 161.635 185.867
8 110.475 102.816 119.869
16 67.3944 57.1757 74.9408
32 50.2487 47.8994 51.5338
64 43.2418 41.628 44.7775
EOD
plot $s0 using 1:2:3:4 with yerrorlines lc rgb '#0072b2' lw 1.5 pt 7 ps 0.8 title 'momentum', \
  58.965556 + 755.173173/x with lines lc rgb '#0072b2' dt 2 title 'fit S_min + E_min/B', \
  $s1 using 1:2:3:4 with yerrorlines lc rgb '#d55e00' lw 1.5 pt 7 ps 0.8 title 'adamw', \
  32.039064 + 607.877256/x with lines lc rgb '#d55e00' dt 2 title 'fit S_min + E_min/B'
