# lr_sweep_mlp_gradnorm.gp: lr_sweep_mlp: global gradient norm (before clipping) at each series' best learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot lr_sweep_mlp_gradnorm.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'lr_sweep_mlp_gradnorm.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'lr_sweep_mlp: global gradient norm (before clipping) at each series'' best learning rate' noenhanced
set xlabel 'optimizer step'
set ylabel 'global gradient norm (before clipping)'
set logscale y 10
set format y '10^{%L}'
$c0 << EOD
# step mean min max
64 2.28539 2.18958 2.37718
128 1.70822 1.69583 1.71558
192 1.61397 1.56095 1.66455
256 1.55777 1.47205 1.65225
320 1.49488 1.4168 1.57586
384 1.43182 1.40427 1.45991
448 1.40915 1.38227 1.44957
512 1.39597 1.36149 1.46417
576 1.34816 1.30935 1.38338
640 1.38994 1.37203 1.39914
704 1.37721 1.36302 1.3953
768 1.31939 1.2715 1.34549
832 1.34311 1.31371 1.36819
896 1.29919 1.27532 1.34147
960 1.30756 1.28052 1.34224
1024 1.34902 1.3214 1.37658
1088 1.26549 1.23897 1.29219
1152 1.33159 1.30275 1.35961
1216 1.30255 1.26923 1.34315
1280 1.30559 1.26919 1.33205
1287 1.37867 1.28311 1.49389
EOD
$c1 << EOD
# step mean min max
64 2.399 2.28803 2.49956
128 1.51699 1.39198 1.60524
192 1.39442 1.33044 1.4443
256 1.32 1.24158 1.43506
320 1.26144 1.21118 1.29564
384 1.20963 1.18114 1.24922
448 1.19389 1.16029 1.21329
512 1.19353 1.16393 1.22815
576 1.22299 1.18392 1.25086
640 1.20906 1.1748 1.26591
704 1.16519 1.12156 1.23845
768 1.12786 1.09996 1.15613
832 1.16459 1.12137 1.19045
896 1.15634 1.11432 1.19826
960 1.1197 1.09736 1.1524
1024 1.16632 1.15389 1.17386
1088 1.12126 1.11261 1.13583
1152 1.13603 1.13258 1.14233
1216 1.1342 1.1112 1.16506
1280 1.11703 1.08291 1.14029
1287 1.16426 1.1018 1.25697
EOD
$c2 << EOD
# step mean min max
64 2.46037 2.32382 2.6743
128 2.1527 2.06825 2.25169
192 2.05144 1.96289 2.09684
256 1.91186 1.82524 1.97235
320 1.91264 1.80011 2.0114
384 1.7504 1.74193 1.76193
448 1.70906 1.58603 1.83105
512 1.68808 1.61684 1.76643
576 1.66306 1.58382 1.7797
640 1.73881 1.56312 1.8769
704 1.58839 1.46921 1.8111
768 1.53153 1.50253 1.56919
832 1.60525 1.59025 1.61321
896 1.61824 1.47738 1.82329
960 1.49941 1.45836 1.53498
1024 1.55906 1.49296 1.64719
1088 1.48629 1.46786 1.5044
1152 1.51111 1.42779 1.56626
1216 1.54639 1.44229 1.66108
1280 1.47153 1.43267 1.49636
1287 1.63472 1.60002 1.65375
EOD
plot \
  $c0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $c0 using 1:2 with lines lc rgb '#0072b2' lw 2 title 'sgd (lr 0.1)', \
  $c1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $c1 using 1:2 with lines lc rgb '#d55e00' lw 2 title 'momentum (lr 0.02154)', \
  $c2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $c2 using 1:2 with lines lc rgb '#009e73' lw 2 title 'adamw (lr 0.0004642)'
