# isoflop_lm_small_optimal.gp: isoflop_lm_small: compute-optimal size against compute
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot isoflop_lm_small_optimal.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'isoflop_lm_small_optimal.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'isoflop_lm_small: compute-optimal size against compute' noenhanced
set logscale xy
set xlabel 'compute C (FLOPs)'
set ylabel 'optimal parameters N*'
set format x '10^{%L}'
set format y '10^{%L}'
set xrange [1.5e+10:6e+11]
set yrange [1284:214160]
set label 1 'no budget has an optimum inside the sizes run' at graph 0.5, 0.5 center
plot 1/0 notitle
