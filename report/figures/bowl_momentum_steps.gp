# bowl_momentum_steps.gp: bowl_momentum: steps to the tolerance against the condition number
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot bowl_momentum_steps.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'bowl_momentum_steps.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'bowl_momentum: steps to the tolerance against the condition number' noenhanced
set logscale xy
set xlabel 'condition number κ'
set ylabel 'steps to the tolerance'
set format x '10^{%L}'
set format y '10^{%L}'
plot '-' using 1:2 with points lc rgb '#0072b2' pt 7 ps 1 title 'axis-aligned', \
  (x >= 10 && x <= 10000 ? 10**(0.882396 + 0.472884*log10(x)) : 1/0) with lines lc rgb '#0072b2' lw 1.5 title 'axis-aligned: b = 0.4729', '-' using 1:2 with points lc rgb '#d55e00' pt 7 ps 1 title 'rotated 45°', \
  (x >= 10 && x <= 10000 ? 10**(0.882396 + 0.472884*log10(x)) : 1/0) with lines lc rgb '#d55e00' lw 1.5 title 'rotated 45°: b = 0.4729'
1 1
3.162 13
10 24
31.62 38
100 69
316.2 101
1000 206
3162 363
10000 596
e
1 1
3.162 13
10 24
31.62 38
100 69
316.2 101
1000 206
3162 363
10000 596
e
