# schedules_lr.gp: schedules: final validation loss (nats) against learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot schedules_lr.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'schedules_lr.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'schedules: final validation loss (nats) against learning rate' noenhanced
set xrange [6.66667e-05:0.15]
set logscale x 10
set format x '10^{%L}'
set xlabel 'peak learning rate'
set ylabel 'final validation loss (nats)'
set yrange [2.2426:4.00101]
$s0 << EOD
# lr mean min max
0.0001 3.64339 3.63597 3.65102
0.0003162 3.02417 3.02106 3.02863
0.001 2.5204 2.50927 2.52737
0.003162 2.38695 2.37401 2.39368
0.01 2.38537 2.35693 2.40325
0.03162 2.57925 2.53201 2.61586
0.1 2.74903 2.68897 2.79732
EOD
$d0 << EOD
# lr (a seed diverged)
EOD
$s1 << EOD
# lr mean min max
0.0001 3.64524 3.63876 3.65256
0.0003162 3.02505 3.02049 3.03048
0.001 2.52256 2.51369 2.52787
0.003162 2.38822 2.37315 2.39659
0.01 2.35979 2.33892 2.37226
0.03162 2.46568 2.43945 2.51052
0.1 2.75395 2.69678 2.78935
EOD
$d1 << EOD
# lr (a seed diverged)
EOD
$s2 << EOD
# lr mean min max
0.0001 3.68202 3.67524 3.68928
0.0003162 3.07169 3.06645 3.07593
0.001 2.54642 2.53903 2.55051
0.003162 2.39416 2.38097 2.40278
0.01 2.37117 2.34956 2.38643
0.03162 2.48756 2.44367 2.53587
0.1 2.79206 2.72958 2.85937
EOD
$d2 << EOD
# lr (a seed diverged)
EOD
$s3 << EOD
# lr mean min max
0.0001 3.34413 3.33928 3.34991
0.0003162 2.72029 2.71507 2.72603
0.001 2.43473 2.42711 2.43918
0.003162 2.37091 2.36358 2.38237
0.01 2.36953 2.3218 2.41273
0.03162 2.50845 2.46514 2.53225
0.1 2.91022 2.84636 2.97434
EOD
$d3 << EOD
# lr (a seed diverged)
EOD
$s4 << EOD
# lr mean min max
0.0001 3.78475 3.77734 3.79238
0.0003162 3.21612 3.20871 3.22071
0.001 2.64645 2.63895 2.65033
0.003162 2.45474 2.44296 2.46918
0.01 2.43907 2.39282 2.47095
0.03162 2.54456 2.5176 2.5863
0.1 2.8183 2.74964 2.88684
EOD
$d4 << EOD
# lr (a seed diverged)
EOD
$s5 << EOD
# lr mean min max
0.0001 3.40477 3.40096 3.41133
0.0003162 2.77344 2.76903 2.7809
0.001 2.43483 2.42429 2.44112
0.003162 2.35702 2.34941 2.37182
0.01 2.33421 2.30221 2.36463
0.03162 2.47653 2.43004 2.51516
0.1 2.84153 2.79515 2.87994
EOD
$d5 << EOD
# lr (a seed diverged)
EOD
plot \
  $s0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $s0 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 ps 0.7 title 'warmup steps 0, cosine, lr floor 0.1', \
  $s1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $s1 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 ps 0.7 title 'warmup steps 15, cosine, lr floor 0.1', \
  $s2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $s2 using 1:2 with linespoints lc rgb '#009e73' lw 2 pt 7 ps 0.7 title 'warmup steps 15, cosine, lr floor 0.01', \
  $s3 using 1:3:4 with filledcurves fc rgb '#cc79a7' fs transparent solid 0.15 noborder notitle, \
  $s3 using 1:2 with linespoints lc rgb '#cc79a7' lw 2 pt 7 ps 0.7 title 'warmup steps 15, constant, lr floor 0.1', \
  $s4 using 1:3:4 with filledcurves fc rgb '#e69f00' fs transparent solid 0.15 noborder notitle, \
  $s4 using 1:2 with linespoints lc rgb '#e69f00' lw 2 pt 7 ps 0.7 title 'warmup steps 15, step, lr floor 0.1', \
  $s5 using 1:3:4 with filledcurves fc rgb '#56b4e9' fs transparent solid 0.15 noborder notitle, \
  $s5 using 1:2 with linespoints lc rgb '#56b4e9' lw 2 pt 7 ps 0.7 title 'warmup steps 15, wsd, lr floor 0.01'
