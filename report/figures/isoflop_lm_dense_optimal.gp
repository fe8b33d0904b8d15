# isoflop_lm_dense_optimal.gp: isoflop_lm_dense: compute-optimal size against compute
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot isoflop_lm_dense_optimal.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'isoflop_lm_dense_optimal.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'isoflop_lm_dense: compute-optimal size against compute' noenhanced
set logscale xy
set xlabel 'compute C (FLOPs)'
set ylabel 'optimal parameters N*'
set format x '10^{%L}'
set format y '10^{%L}'
set xrange [1.5e+10:6e+11]
set yrange [1284:115200]
plot '-' using 1:2:3:4 with yerrorbars lc rgb '#0072b2' pt 7 ps 1 title 'N* (95 %)', \
  10**(-1.64919167 + 0.509618996*log10(x)) with lines lc rgb '#d55e00' lw 1.5 title 'N* ∝ C^{0.5096}'
1e+11 9049.35 7608.29 10763.4
3e+11 15840.4 14705.4 17063.1
e
