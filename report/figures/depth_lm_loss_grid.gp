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
set cbrange [0:4.8]
set cblabel 'final validation loss'
set palette defined (0 '#0072b2', 0.5 '#f0e442', 1 '#d55e00')
set xrange [-0.5:4.5]
set yrange [-0.5:9.5]
set key off
set xtics ('1' 0, '2' 1, '4' 2, '8' 3, '12' 4)
set ytics ('off/none/pre' 0, 'on/none/pre' 1, 'off/layer/pre' 2, 'on/layer/pre' 3, 'off/layer/post' 4, 'on/layer/post' 5, 'off/rms/pre' 6, 'on/rms/pre' 7, 'off/rms/post' 8, 'on/rms/post' 9)
$grid << EOD
# depth_index combo_index colour kind loss
0 0 2.19545 ok 2.19545
1 0 2.66669 ok 2.66669
2 0 2.66668 ok 2.66668
3 0 2.66674 ok 2.66674
4 0 2.66668 ok 2.66668
0 1 1.67015 ok 1.67015
1 1 1.66936 ok 1.66936
2 1 1.6702 ok 1.6702
3 1 1.67417 ok 1.67417
4 1 1.6685 ok 1.6685
0 2 1.68742 ok 1.68742
1 2 2.66683 ok 2.66683
2 2 2.66684 ok 2.66684
3 2 2.6668 ok 2.6668
4 2 2.66688 ok 2.66688
0 3 1.66285 ok 1.66285
1 3 1.66346 ok 1.66346
2 3 1.66681 ok 1.66681
3 3 1.67045 ok 1.67045
4 3 1.67062 ok 1.67062
0 4 1.89884 ok 1.89884
1 4 2.66683 ok 2.66683
2 4 2.66696 ok 2.66696
3 4 2.66689 ok 2.66689
4 4 2.66706 ok 2.66706
0 5 1.66055 ok 1.66055
1 5 1.66186 ok 1.66186
2 5 1.66397 ok 1.66397
3 5 1.66658 ok 1.66658
4 5 1.6663 ok 1.6663
0 6 1.69132 ok 1.69132
1 6 2.66683 ok 2.66683
2 6 2.66689 ok 2.66689
3 6 2.66697 ok 2.66697
4 6 2.66689 ok 2.66689
0 7 1.66299 ok 1.66299
1 7 1.66366 ok 1.66366
2 7 1.66667 ok 1.66667
3 7 1.66972 ok 1.66972
4 7 1.67141 ok 1.67141
0 8 1.86882 ok 1.86882
1 8 2.66686 ok 2.66686
2 8 2.66693 ok 2.66693
3 8 2.66686 ok 2.66686
4 8 2.6669 ok 2.6669
0 9 1.66024 ok 1.66024
1 9 1.66136 ok 1.66136
2 9 1.66337 ok 1.66337
3 9 1.66494 ok 1.66494
4 9 1.66551 ok 1.66551
EOD
plot $grid using 1:2:3 with image, \
  $grid using 1:2:(strcol(4) eq 'div' ? 'div' : sprintf('%.2f', $5)) with labels font 'sans,9' tc rgb '#000000'
