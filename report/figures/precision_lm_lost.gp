# precision_lm_lost.gp: precision_lm: fraction of weights an update left unchanged
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot precision_lm_lost.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'precision_lm_lost.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'precision_lm: fraction of weights an update left unchanged' noenhanced
set xlabel 'optimizer step'
set ylabel 'fraction of weights an update left unchanged'
$c0 << EOD
# step mean min max
200 2.93593e-06 0 8.80778e-06
400 0 0 0
600 2.93593e-06 0 8.80778e-06
800 5.87185e-06 0 8.80778e-06
1000 1.17437e-05 8.80778e-06 1.76156e-05
1200 1.46796e-05 0 2.64233e-05
1400 2.93593e-06 0 8.80778e-06
1600 2.34874e-05 8.80778e-06 3.52311e-05
1800 2.64233e-05 1.76156e-05 3.52311e-05
2000 3.52311e-05 3.52311e-05 3.52311e-05
EOD
$c1 << EOD
# step mean min max
200 0.171558 0.168739 0.174491
400 0.209528 0.202605 0.214637
600 0.250531 0.24793 0.254157
800 0.292624 0.288948 0.295069
1000 0.340529 0.335779 0.349105
1200 0.41758 0.413886 0.423364
1400 0.513664 0.503056 0.52852
1600 0.616386 0.608424 0.623547
1800 0.706501 0.690477 0.727998
2000 0.746729 0.740355 0.758737
EOD
$c2 << EOD
# step mean min max
200 0.173546 0.170589 0.178807
400 0.218119 0.206824 0.224466
600 0.27288 0.268074 0.280316
800 0.311346 0.306608 0.315072
1000 0.371342 0.35949 0.380478
1200 0.467212 0.455001 0.477505
1400 0.568328 0.565539 0.570453
1600 0.687811 0.679688 0.692952
1800 0.79608 0.79034 0.801966
2000 0.832476 0.824117 0.840465
EOD
$c3 << EOD
# step mean min max
200 0.170971 0.168572 0.173038
400 0.210189 0.201936 0.21498
600 0.250622 0.246107 0.255663
800 0.289926 0.281303 0.294506
1000 0.339173 0.333392 0.348083
1200 0.415754 0.4112 0.422263
1400 0.50721 0.500907 0.519782
1600 0.614096 0.607129 0.618702
1800 0.706536 0.690882 0.730182
2000 0.742549 0.735256 0.751436
EOD
$c4 << EOD
# step mean min max
200 0.0246882 0.0238074 0.0252167
400 0.0324479 0.030748 0.0336281
600 0.0408358 0.0393091 0.0424447
800 0.0482872 0.0455186 0.0506623
1000 0.0608265 0.0566516 0.066076
1200 0.0803798 0.0770416 0.0825905
1400 0.114856 0.11229 0.11835
1600 0.170607 0.16748 0.174544
1800 0.242167 0.234798 0.252581
2000 0.294544 0.289529 0.303384
EOD
$c5 << EOD
# step mean min max
200 0.0243858 0.0228738 0.0252519
400 0.0320251 0.0305454 0.0328706
600 0.0392269 0.0383403 0.040278
800 0.0480552 0.0474827 0.0486718
1000 0.0584103 0.0565988 0.059981
1200 0.0811226 0.0807145 0.0818419
1400 0.116183 0.111207 0.122604
1600 0.171881 0.167577 0.174993
1800 0.247475 0.231504 0.268567
2000 0.29248 0.285178 0.30622
EOD
plot \
  $c0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $c0 using 1:2 with lines lc rgb '#0072b2' lw 2 title 'fp32', \
  $c1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $c1 using 1:2 with lines lc rgb '#d55e00' lw 2 title 'bf16 products, fp32 weights', \
  $c2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $c2 using 1:2 with lines lc rgb '#009e73' lw 2 title 'bf16 weights, round to nearest', \
  $c3 using 1:3:4 with filledcurves fc rgb '#cc79a7' fs transparent solid 0.15 noborder notitle, \
  $c3 using 1:2 with lines lc rgb '#cc79a7' lw 2 title 'bf16 weights, stochastic rounding', \
  $c4 using 1:3:4 with filledcurves fc rgb '#e69f00' fs transparent solid 0.15 noborder notitle, \
  $c4 using 1:2 with lines lc rgb '#e69f00' lw 2 title 'fp16, no loss scaling', \
  $c5 using 1:3:4 with filledcurves fc rgb '#56b4e9' fs transparent solid 0.15 noborder notitle, \
  $c5 using 1:2 with lines lc rgb '#56b4e9' lw 2 title 'fp16, dynamic loss scaling'
