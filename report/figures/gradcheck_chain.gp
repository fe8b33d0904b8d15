# gradcheck_chain.gp: gradcheck: L(w) = (wx − y)² with x = 2, y = 1, and its gradient
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot gradcheck_chain.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'gradcheck_chain.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'gradcheck: L(w) = (wx − y)² with x = 2, y = 1, and its gradient' noenhanced
set xlabel 'w'
set ylabel 'L(w)'
set xrange [-1.5:2.5]
set yrange [-2:20]
set samples 200
L(w) = (2*w - 1)**2
set arrow from -1.5,15 to -0.5,3 nohead lc rgb '#d55e00' lw 1.5
set label "dL/dw = -12\ncentral difference -12" at -1,9 offset 1,1 textcolor rgb '#d55e00' noenhanced
set arrow from -0.25,1.25 to 0.75,-0.75 nohead lc rgb '#d55e00' lw 1.5
set label "dL/dw = -2\ncentral difference -2" at 0.25,0.25 offset 1,1 textcolor rgb '#d55e00' noenhanced
set arrow from 1.5,3 to 2.5,15 nohead lc rgb '#d55e00' lw 1.5
set label "dL/dw = 12\ncentral difference 12" at 2,9 right offset -1,1 textcolor rgb '#d55e00' noenhanced
plot L(x) with lines lc rgb '#0072b2' lw 2 title 'L(w) = (2w − 1)²'
