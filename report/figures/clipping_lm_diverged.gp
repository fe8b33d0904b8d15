# clipping_lm_diverged.gp: clipping_lm: diverged runs with and without clipping
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot clipping_lm_diverged.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'clipping_lm_diverged.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'clipping_lm: diverged runs with and without clipping' noenhanced
set xlabel 'learning rate'
set ylabel 'fraction of runs diverged'
set logscale x
set yrange [-0.05:1.05]
$s0 << EOD
# lr fraction
0.1 0
0.3162 0
1 0
3.162 1
10 1
31.62 1
100 1
EOD
$s1 << EOD
# lr fraction
0.1 0
0.3162 0
1 0
3.162 0
10 0
31.62 0
100 0
EOD
plot $s0 using 1:2 with linespoints lc rgb '#d55e00' pt 7 lw 2 title 'no clipping', \
  $s1 using 1:2 with linespoints lc rgb '#0072b2' pt 5 lw 2 title 'clipped at 1'
