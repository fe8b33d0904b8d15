# init_lm_var_layers.gp: init_lm: output variance per layer at initialisation
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot init_lm_var_layers.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'init_lm_var_layers.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'init_lm: output variance per layer at initialisation' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'variance of the layer''s output'
set logscale y
set format y '10^{%L}'
$c0 << EOD
# layer act_var (geometric mean over seeds)
0 0.000802904
1 0.00082258
2 0.000834144
3 0.000844089
4 0.000858493
5 0.000882433
6 0.000886682
7 0.000900038
8 0.000918638
9 0.0132398
EOD
$c1 << EOD
# layer act_var (geometric mean over seeds)
0 0.000802904
1 3.72767
2 7.70309
3 13.065
4 15.5699
5 21.3276
6 27.2481
7 30.2282
8 38.1388
9 2.01807
EOD
$c2 << EOD
# layer act_var (geometric mean over seeds)
0 0.000802904
1 0.390159
2 0.949627
3 1.62609
4 1.84043
5 2.54103
6 3.28084
7 3.62449
8 4.77618
9 1.34324
EOD
$c3 << EOD
# layer act_var (geometric mean over seeds)
0 2.00726
1 3234.25
2 6454.51
3 9280.55
4 11984.6
5 15979.1
6 18817.4
7 20275.5
8 24640.5
9 29.3049
EOD
plot $c0 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'gpt2', \
  $c1 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'he', \
  $c2 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'xavier', \
  $c3 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'normal'
