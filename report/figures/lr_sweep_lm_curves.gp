# lr_sweep_lm_curves.gp: lr_sweep_lm: validation loss (nats) at each series' best learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot lr_sweep_lm_curves.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'lr_sweep_lm_curves.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'lr_sweep_lm: validation loss (nats) at each series'' best learning rate' noenhanced
set xlabel 'optimizer step'
set ylabel 'validation loss (nats)'
$c0 << EOD
# step mean min max
0 4.30273 4.2921 4.31123
100 2.53037 2.52039 2.54806
200 2.49464 2.49014 2.49783
300 2.4258 2.41297 2.4349
400 2.40194 2.3816 2.41543
500 2.36967 2.35536 2.37867
600 2.35651 2.33257 2.3814
EOD
$c1 << EOD
# step mean min max
0 4.30273 4.2921 4.31123
100 2.46499 2.45407 2.47232
200 2.38992 2.38545 2.39756
300 2.36189 2.34363 2.37495
400 2.33011 2.3231 2.34225
500 2.30526 2.30172 2.30718
600 2.27612 2.25711 2.30048
EOD
$c2 << EOD
# step mean min max
0 4.30273 4.2921 4.31123
100 2.42226 2.40847 2.43301
200 2.28772 2.26966 2.31307
300 2.15614 2.13379 2.17687
400 2.03247 2.03106 2.03403
500 1.9622 1.93567 1.99028
600 1.9069 1.89964 1.91144
EOD
plot \
  $c0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $c0 using 1:2 with lines lc rgb '#0072b2' lw 2 title 'sgd (lr 0.3162)', \
  $c1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $c1 using 1:2 with lines lc rgb '#d55e00' lw 2 title 'momentum (lr 0.1)', \
  $c2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $c2 using 1:2 with lines lc rgb '#009e73' lw 2 title 'adamw (lr 0.003162)'
