# vanishing_mlp_grad_layers_step0.gp: vanishing_mlp: gradient norm per layer at step 0
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot vanishing_mlp_grad_layers_step0.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'vanishing_mlp_grad_layers_step0.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'vanishing_mlp: gradient norm per layer at step 0' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'gradient norm'
set logscale y
set format y '10^{%L}'
$c0 << EOD
# layer grad_norm (geometric mean over seeds)
0 3.91773e-20
1 2.75073e-20
2 1.1195e-19
3 4.74358e-19
4 2.14114e-18
5 1.00262e-17
6 4.17941e-17
7 1.94937e-16
8 8.19958e-16
9 3.34719e-15
10 1.31387e-14
11 5.85907e-14
12 2.52236e-13
13 1.09718e-12
14 4.75036e-12
15 1.99991e-11
16 9.90814e-11
17 3.80975e-10
18 1.69775e-09
19 6.2927e-09
20 2.6126e-08
21 1.24175e-07
22 5.14937e-07
23 2.28372e-06
24 1.01245e-05
25 4.34725e-05
26 0.000201429
27 0.000898439
28 0.00376125
29 0.0159864
30 0.0671452
31 0.296612
32 0.923749
EOD
$c1 << EOD
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
$c2 << EOD
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
$c3 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.602444
1 0.17441
2 0.170966
3 0.149783
4 0.156538
5 0.125877
6 0.120886
7 0.114571
8 0.100957
9 0.113046
10 0.118283
11 0.115204
12 0.1081
13 0.102867
14 0.0849501
15 0.0794355
16 0.0873962
17 0.0858512
18 0.0907092
19 0.0844351
20 0.0828916
21 0.0783792
22 0.0973601
23 0.0945658
24 0.115608
25 0.144663
26 0.163158
27 0.189025
28 0.219928
29 0.20594
30 0.226928
31 0.227801
32 0.251257
EOD
plot $c0 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'sigmoid, xavier', \
  $c1 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'tanh, xavier', \
  $c2 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'relu, he', \
  $c3 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'gelu, he'
