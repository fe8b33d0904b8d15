# depth_mlp_loss_grid.gp: depth_mlp: final validation loss over depth and combination
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot depth_mlp_loss_grid.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'depth_mlp_loss_grid.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'depth_mlp: final validation loss over depth and combination' noenhanced
set xlabel 'depth'
set ylabel ''
unset grid
set cbrange [0:2]
set cblabel 'final validation loss'
set palette defined (0 '#0072b2', 0.5 '#f0e442', 1 '#d55e00')
set xrange [-0.5:4.5]
set yrange [-0.5:9.5]
set key off
set xtics ('2' 0, '4' 1, '8' 2, '16' 3, '32' 4)
set ytics ('off/none/pre' 0, 'on/none/pre' 1, 'off/layer/pre' 2, 'on/layer/pre' 3, 'off/layer/post' 4, 'on/layer/post' 5, 'off/rms/pre' 6, 'on/rms/pre' 7, 'off/rms/post' 8, 'on/rms/post' 9)
$grid << EOD
# depth_index combo_index colour kind loss
0 0 0.437283 ok 0.437283
1 0 0.440879 ok 0.440879
2 0 0.454171 ok 0.454171
3 0 0.49929 ok 0.49929
4 0 0.585316 ok 0.585316
0 1 0.436192 ok 0.436192
1 1 0.468369 ok 0.468369
2 1 0.675513 ok 0.675513
3 1 2 ok 2.35095
4 1 2 ok 1153.53
0 2 0.440299 ok 0.440299
1 2 0.447962 ok 0.447962
2 2 0.486963 ok 0.486963
3 2 0.678872 ok 0.678872
4 2 1.34857 ok 1.34857
0 3 0.435892 ok 0.435892
1 3 0.436548 ok 0.436548
2 3 0.429829 ok 0.429829
3 3 0.425843 ok 0.425843
4 3 0.433128 ok 0.433128
0 4 0.440299 ok 0.440299
1 4 0.447962 ok 0.447962
2 4 0.486963 ok 0.486963
3 4 0.678872 ok 0.678872
4 4 1.34857 ok 1.34857
0 5 0.434948 ok 0.434948
1 5 0.43712 ok 0.43712
2 5 0.440176 ok 0.440176
3 5 0.47855 ok 0.47855
4 5 0.627344 ok 0.627344
0 6 0.439714 ok 0.439714
1 6 0.449655 ok 0.449655
2 6 0.469581 ok 0.469581
3 6 0.503134 ok 0.503134
4 6 0.685159 ok 0.685159
0 7 0.444879 ok 0.444879
1 7 0.449129 ok 0.449129
2 7 0.458114 ok 0.458114
3 7 0.459157 ok 0.459157
4 7 0.460362 ok 0.460362
0 8 0.439714 ok 0.439714
1 8 0.449655 ok 0.449655
2 8 0.469581 ok 0.469581
3 8 0.503134 ok 0.503134
4 8 0.685159 ok 0.685159
0 9 0.442077 ok 0.442077
1 9 0.449193 ok 0.449193
2 9 0.454808 ok 0.454808
3 9 0.469823 ok 0.469823
4 9 1.11015 ok 1.11015
EOD
plot $grid using 1:2:3 with image, \
  $grid using 1:2:(strcol(4) eq 'div' ? 'div' : sprintf('%.2f', $5)) with labels font 'sans,9' tc rgb '#000000'
