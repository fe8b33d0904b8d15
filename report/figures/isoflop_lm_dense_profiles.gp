# isoflop_lm_dense_profiles.gp: isoflop_lm_dense: validation loss against model size at fixed compute
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot isoflop_lm_dense_profiles.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'isoflop_lm_dense_profiles.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'isoflop_lm_dense: validation loss against model size at fixed compute' noenhanced
set logscale x
set xlabel 'parameters N'
set ylabel 'validation loss (nats per token)'
set format x '10^{%L}'
plot '-' using 1:2 with points lc rgb '#0072b2' pt 7 ps 1 title 'C = 3e+10 FLOPs', \
  (x >= 2568 && x <= 57600 ? 6.31111244 + -2.31628515*log10(x) + 0.320552986*log10(x)**2 : 1/0) with lines lc rgb '#0072b2' lw 1.2 notitle, '-' using 1:2 with points lc rgb '#d55e00' pt 7 ps 1 title 'C = 1e+11 FLOPs', \
  (x >= 2568 && x <= 57600 ? 13.2190887 + -5.72557285*log10(x) + 0.72354393*log10(x)**2 : 1/0) with lines lc rgb '#d55e00' lw 1.2 notitle, \
  '-' using 1:2 with points lc rgb '#d55e00' pt 2 ps 2 notitle, '-' using 1:2 with points lc rgb '#009e73' pt 7 ps 1 title 'C = 3e+11 FLOPs', \
  (x >= 2568 && x <= 57600 ? 11.6251455 + -4.70227*log10(x) + 0.559825058*log10(x)**2 : 1/0) with lines lc rgb '#009e73' lw 1.2 notitle, \
  '-' using 1:2 with points lc rgb '#009e73' pt 2 ps 2 notitle
2568 2.19147
6672 1.99749
9952 2.19237
19536 2.3391
26760 2.4059
44896 2.45992
57600 2.50467
e
2568 2.11989
6672 1.87502
9952 1.90375
19536 1.94272
26760 2.10828
44896 2.24623
57600 2.3383
e
9049.35 1.89214
e
2568 2.09488
6672 1.83684
9952 1.78536
19536 1.75389
26760 1.75931
44896 1.86381
57600 1.93792
e
15840.4 1.75093
e
