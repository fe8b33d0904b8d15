# parabola_trajectories.gp: parabola: gradient descent on L(w) = w² from w = 4
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot parabola_trajectories.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'parabola_trajectories.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'parabola: gradient descent on L(w) = w² from w = 4' noenhanced
unset title
set key off
set samples 400
set multiplot layout 2,2 title 'parabola: gradient descent on L(w) = w² from w = 4' noenhanced
set title 'η = 0.05' enhanced
set xrange [-4.6:4.6]
set yrange [0:22.22]
set xlabel 'w'
set ylabel 'L(w) = w²'
$t0 << EOD
# step w L
0 4 16
1 3.6 12.96
2 3.24 10.4976
3 2.916 8.50306
4 2.6244 6.88747
EOD
plot x**2 with lines lc rgb '#a0a0a0' lw 1.5, \
  $t0 using 2:3 with linespoints lc rgb '#0072b2' lw 1.5 pt 7 ps 0.8, \
  $t0 using 2:3:(sprintf('%d', $1)) with labels offset 0,0.8 textcolor rgb '#0072b2'
set title 'η = 0.3' enhanced
set xrange [-4.6:4.6]
set yrange [0:22.22]
set xlabel 'w'
set ylabel 'L(w) = w²'
$t1 << EOD
# step w L
0 4 16
1 1.6 2.56
2 0.64 0.4096
3 0.256 0.065536
4 0.1024 0.0104858
EOD
plot x**2 with lines lc rgb '#a0a0a0' lw 1.5, \
  $t1 using 2:3 with linespoints lc rgb '#009e73' lw 1.5 pt 7 ps 0.8, \
  $t1 using 2:3:(sprintf('%d', $1)) with labels offset 0,0.8 textcolor rgb '#009e73'
set title 'η = 0.9' enhanced
set xrange [-4.6:4.6]
set yrange [0:22.22]
set xlabel 'w'
set ylabel 'L(w) = w²'
$t2 << EOD
# step w L
0 4 16
1 -3.2 10.24
2 2.56 6.5536
3 -2.048 4.1943
4 1.6384 2.68435
EOD
plot x**2 with lines lc rgb '#a0a0a0' lw 1.5, \
  $t2 using 2:3 with linespoints lc rgb '#e69f00' lw 1.5 pt 7 ps 0.8, \
  $t2 using 2:3:(sprintf('%d', $1)) with labels offset 0,0.8 textcolor rgb '#e69f00'
set title 'η = 1.1' enhanced
set xrange [-9.539:9.539]
set yrange [0:95.53]
set xlabel 'w'
set ylabel 'L(w) = w²'
$t3 << EOD
# step w L
0 4 16
1 -4.8 23.04
2 5.76 33.1776
3 -6.912 47.7758
4 8.2944 68.7971
EOD
plot x**2 with lines lc rgb '#a0a0a0' lw 1.5, \
  $t3 using 2:3 with linespoints lc rgb '#d55e00' lw 1.5 pt 7 ps 0.8, \
  $t3 using 2:3:(sprintf('%d', $1)) with labels offset 0,0.8 textcolor rgb '#d55e00'
unset multiplot
