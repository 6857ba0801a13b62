      * DEVIATION (see DEVIATIONS.md): overflowing moves into signed
      * edited pictures. GnuCOBOL 3.1.2 stops suppressing zeros and
      * drops trailing signs when the truncated value is zero, and
      * keeps a leading zero under a floating currency sign; the
      * expected output (edit_overflow.out) follows the standard, and
      * GnuCOBOL's own output is kept in edit_overflow.gnucobol.out.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. EDITOVFL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 V  PIC S9(6)V99.
       01 E1 PIC -ZZ9.99.
       01 E2 PIC +ZZ9.99.
       01 E3 PIC ZZ9.99-.
       01 E4 PIC ---9.99.
       01 E5 PIC +++9.99.
       01 E6 PIC ZZ9.99CR.
       01 E7 PIC $$9.99-.
       01 U  PIC 9(9)V99.
       01 E8 PIC $$$,$$$,$$9.99.
       PROCEDURE DIVISION.
           MOVE -12345.67 TO V
           PERFORM SHOW
           MOVE 98765.43 TO V
           PERFORM SHOW
           MOVE -1000 TO V
           PERFORM SHOW
      * An unsigned total one digit too long for its floating picture.
           MOVE 101874292.30 TO U
           MOVE U TO E8
           DISPLAY "[" E8 "]"
           MOVE 1874292.30 TO U
           MOVE U TO E8
           DISPLAY "[" E8 "]"
           STOP RUN.
       SHOW.
           MOVE V TO E1 E2 E3 E4 E5 E6 E7
           DISPLAY "[" E1 "][" E2 "][" E3 "][" E4 "]"
           DISPLAY "[" E5 "][" E6 "][" E7 "]".
