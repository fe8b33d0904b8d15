# init_mlp_grad_layers.gp: init_mlp: gradient norm per layer at initialisation
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot init_mlp_grad_layers.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'init_mlp_grad_layers.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'init_mlp: gradient norm per layer at initialisation' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'gradient norm'
set logscale y
set format y '10^{%L}'
$c0 << EOD
# layer grad_norm (geometric mean over seeds)
0 8.91629
1 3.14052
2 4.00804
3 3.7247
4 4.05548
5 3.70955
6 3.69452
7 3.81736
8 3.889
9 4.69561
10 4.76724
11 4.63542
12 5.24991
13 4.99529
14 4.60519
15 4.57486
16 4.95432
17 5.11918
18 5.54765
19 5.42079
20 5.67602
21 5.19744
22 5.85803
23 4.91966
24 5.33582
25 5.66953
26 5.88863
27 5.82489
28 6.20019
29 5.23582
30 5.22974
31 5.22403
32 4.84255
EOD
$c1 << EOD
# layer grad_norm (geometric mean over seeds)
0 7.86351e-05
1 2.9035e-05
2 3.05425e-05
3 2.73412e-05
4 2.83385e-05
5 2.62799e-05
6 2.69116e-05
7 2.89712e-05
8 3.18945e-05
9 4.39319e-05
10 5.28056e-05
11 8.2844e-05
12 0.000128012
13 0.000184644
14 0.000264943
15 0.00036959
16 0.000494062
17 0.000757398
18 0.00101613
19 0.00154573
20 0.00199641
21 0.002512
22 0.0036548
23 0.00536204
24 0.0079084
25 0.01007
26 0.0143635
27 0.0202413
28 0.0283722
29 0.0393563
30 0.0555337
31 0.0672946
32 0.0739532
EOD
$c2 << EOD
# layer grad_norm (geometric mean over seeds)
0 1.46071e+25
1 1.80707e+25
2 2.34242e+25
3 2.18376e+25
4 2.38214e+25
5 2.22299e+25
6 2.25202e+25
7 2.29955e+25
8 2.33932e+25
9 2.82982e+25
10 2.84163e+25
11 2.77336e+25
12 3.05607e+25
13 2.97772e+25
14 2.77643e+25
15 2.72473e+25
16 2.95624e+25
17 3.0236e+25
18 3.19463e+25
19 3.13992e+25
20 3.27556e+25
21 3.0304e+25
22 3.43898e+25
23 2.96078e+25
24 3.12011e+25
25 3.37049e+25
26 3.68621e+25
27 3.68655e+25
28 3.8899e+25
29 3.61294e+25
30 3.52234e+25
31 3.82076e+25
32 3.64123e+25
EOD
$c3 << EOD
# layer grad_norm (geometric mean over seeds)
0 8.41961
1 2.07156
2 2.10657
3 1.9099
4 1.80436
5 1.68506
6 1.58842
7 1.58084
8 1.53647
9 1.50757
10 1.43174
11 1.39758
12 1.31758
13 1.22168
14 1.23187
15 1.19936
16 1.16427
17 1.08503
18 1.02573
19 0.993641
20 0.9246
21 0.871514
22 0.820264
23 0.801314
24 0.818287
25 0.789455
26 0.812408
27 0.848554
28 0.823881
29 0.810116
30 0.78601
31 0.735812
32 0.739507
EOD
$c4 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.684122
1 0.267593
2 0.287755
3 0.291995
4 0.271366
5 0.277214
6 0.28124
7 0.29888
8 0.286118
9 0.294001
10 0.264298
11 0.277255
12 0.279276
13 0.284918
14 0.280481
15 0.286452
16 0.284177
17 0.260331
18 0.23947
19 0.233383
20 0.215014
21 0.223643
22 0.221756
23 0.219409
24 0.225734
25 0.218236
26 0.247086
27 0.262054
28 0.261978
29 0.266919
30 0.263948
31 0.249526
32 0.197044
EOD
$c5 << EOD
# layer grad_norm (geometric mean over seeds)
0 2.26022e+10
1 5.71798e+09
2 2.47867e+09
3 1.18842e+09
4 6.4758e+08
5 3.18783e+08
6 1.42112e+08
7 7.06832e+07
8 4.43259e+07
9 2.50989e+07
10 1.13846e+07
11 5.27107e+06
12 2.68873e+06
13 1.39165e+06
14 747764
15 480699
16 192720
17 108091
18 45093.9
19 19089
20 8362.24
21 3846.53
22 1598.38
23 796.817
24 369.262
25 184.451
26 83.03
27 37.5745
28 17.4001
29 7.98224
30 3.81573
31 1.83046
32 1.06065
EOD
plot $c0 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'relu, he', \
  $c1 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'relu, xavier', \
  $c2 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'relu, normal', \
  $c3 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'tanh, he', \
  $c4 using 1:2 with linespoints lc rgb '#e69f00' pt 5 ps 0.6 lw 2 title 'tanh, xavier', \
  $c5 using 1:2 with linespoints lc rgb '#56b4e9' pt 7 ps 0.6 lw 2 title 'tanh, normal'
