# depth_lm_loss_grid.gp: depth_lm: final validation loss over depth and combination
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot depth_lm_loss_grid.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'depth_lm_loss_grid.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'depth_lm: final validation loss over depth and combination' noenhanced
set xlabel 'depth'
set ylabel ''
unset grid
set cbrange [0:4.4]
set cblabel 'final validation loss'
set palette defined (0 '#0072b2', 0.5 '#f0e442', 1 '#d55e00')
set xrange [-0.5:3.5]
set yrange [-0.5:9.5]
set key off
set xtics ('1' 0, '2' 1, '4' 2, '8' 3)
set ytics ('off/none/pre' 0, 'on/none/pre' 1, 'off/layer/pre' 2, 'on/layer/pre' 3, 'off/layer/post' 4, 'on/layer/post' 5, 'off/rms/pre' 6, 'on/rms/pre' 7, 'off/rms/post' 8, 'on/rms/post' 9)
$grid << EOD
# depth_index combo_index colour kind loss
0 0 2.19776 ok 2.19776
1 0 2.66734 ok 2.66734
2 0 2.66732 ok 2.66732
3 0 2.66732 ok 2.66732
0 1 1.67477 ok 1.67477
1 1 1.67311 ok 1.67311
2 1 1.67666 ok 1.67666
3 1 1.6762 ok 1.6762
0 2 1.68525 ok 1.68525
1 2 2.66779 ok 2.66779
2 2 2.66781 ok 2.66781
3 2 2.66783 ok 2.66783
0 3 1.66652 ok 1.66652
1 3 1.66591 ok 1.66591
2 3 1.66818 ok 1.66818
3 3 1.67311 ok 1.67311
0 4 1.85503 ok 1.85503
1 4 2.66776 ok 2.66776
2 4 2.66796 ok 2.66796
3 4 2.66785 ok 2.66785
0 5 1.66373 ok 1.66373
1 5 1.66443 ok 1.66443
2 5 1.66714 ok 1.66714
3 5 1.66946 ok 1.66946
0 6 1.68606 ok 1.68606
1 6 2.6678 ok 2.6678
2 6 2.66786 ok 2.66786
3 6 2.66803 ok 2.66803
0 7 1.66683 ok 1.66683
1 7 1.66618 ok 1.66618
2 7 1.66857 ok 1.66857
3 7 1.67234 ok 1.67234
0 8 1.83559 ok 1.83559
1 8 2.66782 ok 2.66782
2 8 2.6679 ok 2.6679
3 8 2.66781 ok 2.66781
0 9 1.66294 ok 1.66294
1 9 1.6636 ok 1.6636
2 9 1.66639 ok 1.66639
3 9 1.66821 ok 1.66821
EOD
plot $grid using 1:2:3 with image, \
  $grid using 1:2:(strcol(4) eq 'div' ? 'div' : sprintf('%.2f', $5)) with labels font 'sans,9' tc rgb '#000000'
