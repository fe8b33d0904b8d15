# vanishing_mlp_act_grad_layers_step0.gp: vanishing_mlp: gradient with respect to each layer's output at step 0
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot vanishing_mlp_act_grad_layers_step0.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'vanishing_mlp_act_grad_layers_step0.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'vanishing_mlp: gradient with respect to each layer''s output at step 0' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'output gradient norm'
set logscale y
set format y '10^{%L}'
$c0 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 2.63155e-21
1 1.20088e-20
2 5.41342e-20
3 2.3714e-19
4 1.00433e-18
5 4.54767e-18
6 1.81865e-17
7 7.93297e-17
8 3.35498e-16
9 1.41895e-15
10 5.88248e-15
11 2.64285e-14
12 1.14572e-13
13 4.89119e-13
14 2.15033e-12
15 9.61484e-12
16 4.12597e-11
17 1.77724e-10
18 7.17701e-10
19 2.9769e-09
20 1.19282e-08
21 5.45713e-08
22 2.32701e-07
23 1.00655e-06
24 4.28026e-06
25 1.8416e-05
26 7.8421e-05
27 0.000347779
28 0.00146239
29 0.00652426
30 0.0276033
31 0.115541
32 0.0859152
EOD
$c1 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.0193545
1 0.0270157
2 0.0339062
3 0.0381319
4 0.0419379
5 0.0482065
6 0.0507538
7 0.0566237
8 0.0572832
9 0.059257
10 0.0596617
11 0.0652655
12 0.070671
13 0.0736828
14 0.0773508
15 0.0842426
16 0.0868904
17 0.089275
18 0.0861842
19 0.0865734
20 0.0830345
21 0.0892157
22 0.0892892
23 0.0923195
24 0.0943044
25 0.09649
26 0.0997906
27 0.105066
28 0.105373
29 0.111483
30 0.113102
31 0.112476
32 0.0838706
EOD
$c2 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.223131
1 0.221288
2 0.232158
3 0.218069
4 0.21734
5 0.212193
6 0.185673
7 0.17616
8 0.167684
9 0.165945
10 0.176678
11 0.181832
12 0.183029
13 0.192219
14 0.189087
15 0.178251
16 0.185659
17 0.184092
18 0.18512
19 0.183915
20 0.181438
21 0.1822
22 0.176881
23 0.166749
24 0.160712
25 0.151896
26 0.141337
27 0.148389
28 0.13837
29 0.138361
30 0.137535
31 0.134352
32 0.0930085
EOD
$c3 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.0220272
1 0.0212817
2 0.0210275
3 0.0200454
4 0.0193116
5 0.0187069
6 0.0168102
7 0.0158937
8 0.014121
9 0.0130722
10 0.0136592
11 0.0138761
12 0.0131711
13 0.0127484
14 0.0123491
15 0.0134974
16 0.0154329
17 0.0168276
18 0.0173057
19 0.0182313
20 0.0207744
21 0.0213267
22 0.0234805
23 0.0261516
24 0.0293045
25 0.0309525
26 0.036376
27 0.0446186
28 0.0521148
29 0.068558
30 0.0911759
31 0.121186
32 0.0840672
EOD
plot $c0 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'sigmoid, xavier', \
  $c1 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'tanh, xavier', \
  $c2 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'relu, he', \
  $c3 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'gelu, he'
