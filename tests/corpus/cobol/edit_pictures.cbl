      * Numeric editing: every insertion, suppression and sign symbol.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. EDITPIC.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 VALS.
          05 V OCCURS 7 PIC S9(5)V99.
       01 I              PIC 9.
       01 E1             PIC ZZZZ9.99.
       01 E2             PIC ZZ,ZZ9.99-.
       01 E3             PIC $$$,$$9.99.
       01 E4             PIC ***,**9.99.
       01 E5             PIC +++,++9.99.
       01 E6             PIC ----9.99.
       01 E7             PIC ZZ,ZZ9.99CR.
       01 E8             PIC ZZ,ZZ9.99DB.
       01 E9             PIC 99/99/99.
       01 E10            PIC 999B999B99.
       01 E11            PIC ZZZZZ.ZZ.
       01 E12            PIC $ZZ,ZZ9.99+.
       01 E13            PIC 9(5)000.
       01 E14            PIC ZZ9.
       PROCEDURE DIVISION.
           MOVE 12345.67 TO V (1)
           MOVE -12345.67 TO V (2)
           MOVE 0 TO V (3)
           MOVE 0.05 TO V (4)
           MOVE -7.5 TO V (5)
           MOVE 100 TO V (6)
           MOVE -99999.99 TO V (7)
           PERFORM VARYING I FROM 1 BY 1 UNTIL I > 7
               MOVE V (I) TO E1 E2 E3 E4 E5 E6 E7
               MOVE V (I) TO E8 E9 E10 E11 E12 E13 E14
               DISPLAY "[" E1 "][" E2 "][" E3 "][" E4 "][" E5 "]"
               DISPLAY "[" E6 "][" E7 "][" E8 "][" E9 "][" E10 "]"
               DISPLAY "[" E11 "][" E12 "][" E13 "][" E14 "]"
           END-PERFORM
           STOP RUN.
