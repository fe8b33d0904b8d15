# optimizers_profile.gp: optimizers: performance profile over 2 workloads
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot optimizers_profile.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'optimizers_profile.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'optimizers: performance profile over 2 workloads' noenhanced
set logscale x 2
set xrange [1:3.086]
set yrange [0:1.05]
set xlabel 'τ (steps to target over the fewest)'
set ylabel 'fraction of workloads'
$p0 << EOD
# tau fraction
1 0
1.75 0.5
2.57143 1
3.08571 1
EOD
$p1 << EOD
# tau fraction
1 0
2 0.5
2.05 1
3.08571 1
EOD
$p2 << EOD
# tau fraction
1 0
1.47619 0.5
1.8 1
3.08571 1
EOD
$p3 << EOD
# tau fraction
1 0
1.52381 0.5
1.6 1
3.08571 1
EOD
$p4 << EOD
# tau fraction
1 0
1 0.5
1.2 1
3.08571 1
EOD
$p5 << EOD
# tau fraction
1 0
1.04762 0.5
1.75 1
3.08571 1
EOD
$p6 << EOD
# tau fraction
1 0
1 0.5
1.04762 1
3.08571 1
EOD
plot \
  $p0 using 1:2 with steps lc rgb '#0072b2' lw 2 title 'sgd', \
  $p1 using 1:2 with steps lc rgb '#d55e00' lw 2 title 'momentum', \
  $p2 using 1:2 with steps lc rgb '#009e73' lw 2 title 'adamw', \
  $p3 using 1:2 with steps lc rgb '#cc79a7' lw 2 title 'lion', \
  $p4 using 1:2 with steps lc rgb '#e69f00' lw 2 title 'shampoo', \
  $p5 using 1:2 with steps lc rgb '#56b4e9' lw 2 title 'muon', \
  $p6 using 1:2 with steps lc rgb '#000000' lw 2 title 'schedulefree'
