# optimizers_lr_gpt_kjv.gp: optimizers (gpt, kjv): final validation loss (nats) against learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot optimizers_lr_gpt_kjv.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'optimizers_lr_gpt_kjv.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'optimizers (gpt, kjv): final validation loss (nats) against learning rate' noenhanced
set xrange [6.66667e-06:4.743]
set logscale x 10
set format x '10^{%L}'
set xlabel 'peak learning rate'
set ylabel 'final validation loss (nats)'
set yrange [2.19584:4.44635]
$s0 << EOD
# lr mean min max
0.003162 3.68654 3.68423 3.68872
0.01 3.22959 3.22452 3.23493
0.03162 2.79318 2.78163 2.80608
0.1 2.55928 2.55013 2.56663
0.3162 2.45807 2.45606 2.46018
1 2.4492 2.44627 2.45274
3.162 2.59125 2.57071 2.61267
EOD
$d0 << EOD
# lr (a seed diverged)
EOD
$s1 << EOD
# lr mean min max
0.001 3.24874 3.2437 3.25371
0.003162 2.85019 2.83896 2.86333
0.01 2.58426 2.56876 2.59419
0.03162 2.46555 2.46172 2.47188
0.1 2.43227 2.42833 2.43873
0.3162 2.39608 2.38693 2.40303
1 2.38871 2.37566 2.39539
EOD
$d1 << EOD
# lr (a seed diverged)
3.162 4.33192
EOD
$s2 << EOD
# lr mean min max
3.162e-05 3.99992 3.9906 4.00663
0.0001 3.63916 3.63276 3.6462
0.0003162 3.01475 3.0108 3.02048
0.001 2.51891 2.51104 2.52379
0.003162 2.38241 2.36982 2.38898
0.01 2.35495 2.34376 2.37473
0.03162 2.46343 2.35641 2.56127
EOD
$d2 << EOD
# lr (a seed diverged)
EOD
$s3 << EOD
# lr mean min max
1e-05 4.16683 4.16012 4.17934
3.162e-05 3.98217 3.97525 3.98832
0.0001 3.61042 3.60482 3.61879
0.0003162 2.94819 2.94227 2.9531
0.001 2.42633 2.42094 2.43
0.003162 2.35327 2.32869 2.36613
0.01 2.5894 2.56764 2.61824
EOD
$d3 << EOD
# lr (a seed diverged)
EOD
$s4 << EOD
# lr mean min max
3.162e-05 3.98694 3.97783 3.99347
0.0001 3.60671 3.59662 3.61436
0.0003162 2.91664 2.90949 2.92086
0.001 2.44293 2.44096 2.44653
0.003162 2.32709 2.32253 2.33078
0.01 2.27922 2.27283 2.28974
0.03162 2.29112 2.28725 2.29574
EOD
$d4 << EOD
# lr (a seed diverged)
EOD
$s5 << EOD
# lr mean min max
0.001 3.63607 3.63167 3.64438
0.003162 2.99746 2.99447 3.00023
0.01 2.45136 2.44877 2.45539
0.03162 2.27943 2.27213 2.28827
0.1 2.35781 2.35124 2.36958
0.3162 2.55704 2.53067 2.58179
1 2.82691 2.7986 2.85276
EOD
$d5 << EOD
# lr (a seed diverged)
EOD
$s6 << EOD
# lr mean min max
0.0001 3.64837 3.63947 3.65506
0.0003162 3.03282 3.02786 3.03893
0.001 2.53577 2.52985 2.54086
0.003162 2.37043 2.35559 2.38109
0.01 2.30606 2.29904 2.31788
0.03162 2.48832 2.46257 2.51683
0.1 2.68925 2.61359 2.76028
EOD
$d6 << EOD
# lr (a seed diverged)
EOD
plot \
  $s0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $s0 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 ps 0.7 title 'sgd', \
  $s1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $s1 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 ps 0.7 title 'momentum', \
  $d1 using 1:2 with points lc rgb '#d55e00' pt 2 ps 1.4 lw 2 title 'momentum diverged', \
  $s2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $s2 using 1:2 with linespoints lc rgb '#009e73' lw 2 pt 7 ps 0.7 title 'adamw', \
  $s3 using 1:3:4 with filledcurves fc rgb '#cc79a7' fs transparent solid 0.15 noborder notitle, \
  $s3 using 1:2 with linespoints lc rgb '#cc79a7' lw 2 pt 7 ps 0.7 title 'lion', \
  $s4 using 1:3:4 with filledcurves fc rgb '#e69f00' fs transparent solid 0.15 noborder notitle, \
  $s4 using 1:2 with linespoints lc rgb '#e69f00' lw 2 pt 7 ps 0.7 title 'shampoo', \
  $s5 using 1:3:4 with filledcurves fc rgb '#56b4e9' fs transparent solid 0.15 noborder notitle, \
  $s5 using 1:2 with linespoints lc rgb '#56b4e9' lw 2 pt 7 ps 0.7 title 'muon', \
  $s6 using 1:3:4 with filledcurves fc rgb '#000000' fs transparent solid 0.15 noborder notitle, \
  $s6 using 1:2 with linespoints lc rgb '#000000' lw 2 pt 7 ps 0.7 title 'schedulefree'
