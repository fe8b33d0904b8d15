# vanishing_mlp_act_grad_layers_step100.gp: vanishing_mlp: gradient with respect to each layer's output at step 100
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot vanishing_mlp_act_grad_layers_step100.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'vanishing_mlp_act_grad_layers_step100.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'vanishing_mlp: gradient with respect to each layer''s output at step 100' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'output gradient norm'
set logscale y
set format y '10^{%L}'
$c0 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 1.97585e-21
1 9.0589e-21
2 4.11282e-20
3 1.72312e-19
4 7.67003e-19
5 3.46764e-18
6 1.39354e-17
7 6.13994e-17
8 2.68677e-16
9 1.11924e-15
10 4.80485e-15
11 2.09167e-14
12 9.11876e-14
13 3.90195e-13
14 1.65241e-12
15 7.28925e-12
16 3.11288e-11
17 1.37197e-10
18 5.52167e-10
19 2.51456e-09
20 9.79055e-09
21 4.34786e-08
22 1.8201e-07
23 7.93487e-07
24 3.34563e-06
25 1.48706e-05
26 6.65869e-05
27 0.000295537
28 0.00126812
29 0.00584948
30 0.0259074
31 0.111821
32 0.0838455
EOD
$c1 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.0736927
1 0.0877308
2 0.0929955
3 0.0931646
4 0.0895868
5 0.0895998
6 0.081581
7 0.0803605
8 0.0771476
9 0.0734594
10 0.0698233
11 0.0668342
12 0.0636727
13 0.0611311
14 0.0598994
15 0.0595954
16 0.0600702
17 0.0564006
18 0.0538334
19 0.0527614
20 0.0522688
21 0.0512368
22 0.0502902
23 0.0478678
24 0.0454291
25 0.0428453
26 0.0409381
27 0.0402836
28 0.0391963
29 0.0433556
30 0.0526302
31 0.073126
32 0.0546187
EOD
$c2 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.116946
1 0.115532
2 0.123328
3 0.122405
4 0.131206
5 0.131835
6 0.123276
7 0.119346
8 0.111493
9 0.107424
10 0.111964
11 0.108976
12 0.106036
13 0.102577
14 0.0962607
15 0.0934399
16 0.0899738
17 0.0865329
18 0.081665
19 0.0845058
20 0.07813
21 0.0762108
22 0.0761432
23 0.0736819
24 0.0677
25 0.0634477
26 0.0589906
27 0.0617777
28 0.0639146
29 0.0657958
30 0.0739594
31 0.080064
32 0.057115
EOD
$c3 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.0518955
1 0.0517586
2 0.0513048
3 0.0494515
4 0.0483307
5 0.0469086
6 0.0453714
7 0.0463376
8 0.0452052
9 0.0434603
10 0.0486764
11 0.0488214
12 0.0508403
13 0.0515859
14 0.0517523
15 0.0486319
16 0.0498049
17 0.0500296
18 0.050672
19 0.0565804
20 0.0544358
21 0.0514997
22 0.0518118
23 0.0557065
24 0.0565672
25 0.0535886
26 0.0571372
27 0.0617333
28 0.0649388
29 0.0708313
30 0.0859683
31 0.0991422
32 0.0694854
EOD
plot $c0 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'sigmoid, xavier', \
  $c1 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'tanh, xavier', \
  $c2 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'relu, he', \
  $c3 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'gelu, he'
