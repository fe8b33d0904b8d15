# init_lm_grad_layers.gp: init_lm: gradient norm per layer at initialisation
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot init_lm_grad_layers.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'init_lm_grad_layers.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'init_lm: gradient norm per layer at initialisation' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'gradient norm'
set logscale y
set format y '10^{%L}'
$c0 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.543656
1 0.640805
2 0.658851
3 0.651388
4 0.649125
5 0.628166
6 0.622855
7 0.615985
8 0.600149
9 0.550796
EOD
$c1 << EOD
# layer grad_norm (geometric mean over seeds)
0 10.752
1 1.77282
2 1.3568
3 1.25792
4 1.07865
5 0.945809
6 0.858004
7 0.829036
8 0.700681
9 1.18491
EOD
$c2 << EOD
# layer grad_norm (geometric mean over seeds)
0 7.43979
1 2.21752
2 1.88182
3 1.6279
4 1.4932
5 1.27476
6 1.08884
7 1.04181
8 0.863389
9 1.10567
EOD
$c3 << EOD
# layer grad_norm (geometric mean over seeds)
0 47.9026
1 70.985
2 10.6859
3 4.59354
4 2.60425
5 1.61966
6 1.33969
7 1.20435
8 1.02358
9 3.2977
EOD
plot $c0 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'gpt2', \
  $c1 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'he', \
  $c2 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'xavier', \
  $c3 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'normal'
