# parabola_contraction.gp: parabola: contraction of |w| per step against the learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot parabola_contraction.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'parabola_contraction.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'parabola: contraction of |w| per step against the learning rate' noenhanced
set xlabel 'learning rate η'
set ylabel 'contraction factor of |w| per step' noenhanced
set xrange [0:*]
set yrange [0:*]
set samples 401
$m << EOD
# lr factor steps
0.05 0.9 100
0.1 0.8 100
0.2 0.6 100
0.3 0.4 77
0.4 0.2 44
0.45 0.1 31
0.49 0.02 19
0.5 0 1
0.51 0.02 19
0.55 0.1 31
0.6 0.2 44
0.7 0.4 77
0.8 0.6 100
0.9 0.8 100
0.95 0.9 100
0.99 0.98 100
1 1 100
1.01 1.02 36
1.05 1.1 8
1.1 1.2 4
1.2 1.4 3
EOD
set xrange [0:1.26]
set arrow from 0,1 to 1.26,1 nohead lc rgb '#808080' dt 2
plot abs(1 - 2*x) with lines lc rgb '#a0a0a0' lw 2 title '|1 − 2η| (theory)', \
  $m using 1:2 with points lc rgb '#0072b2' pt 7 ps 0.9 title 'measured'
