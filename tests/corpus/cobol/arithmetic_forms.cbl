      * Every form of ADD, SUBTRACT, MULTIPLY and DIVIDE, several
      * receiving fields, ROUNDED per receiver.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. ARITHF.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 A          PIC 9(4)V99 VALUE 100.25.
       01 B          PIC 9(4)V99 VALUE 3.5.
       01 C          PIC S9(5)V99 VALUE 10.
       01 D          PIC S9(5)V9 VALUE 20.
       01 E          PIC S9(5) VALUE 30.
       01 R1         PIC S9(6)V99.
       01 R2         PIC S9(6)V9.
       01 REMN       PIC S9(3)V99.
       PROCEDURE DIVISION.
           ADD A B TO C D ROUNDED E
           DISPLAY "ADD TO " C " " D " " E
           ADD A B C GIVING R1 R2 ROUNDED
           DISPLAY "ADD GIVING " R1 " " R2
           ADD A TO B GIVING R1
           DISPLAY "ADD TO GIVING " R1
           SUBTRACT A B FROM C D E
           DISPLAY "SUB FROM " C " " D " " E
           SUBTRACT B FROM A GIVING R1 R2
           DISPLAY "SUB GIVING " R1 " " R2
           MULTIPLY B BY C D ROUNDED E
           DISPLAY "MUL BY " C " " D " " E
           MULTIPLY A BY B GIVING R1 R2 ROUNDED
           DISPLAY "MUL GIVING " R1 " " R2
           DIVIDE 4 INTO C D ROUNDED E
           DISPLAY "DIV INTO " C " " D " " E
           DIVIDE A BY B GIVING R1 R2 ROUNDED
           DISPLAY "DIV BY GIVING " R1 " " R2
           DIVIDE B INTO A GIVING R2 REMAINDER REMN
           DISPLAY "DIV REM " R2 " " REMN
           DIVIDE -7 INTO A GIVING R2 ROUNDED REMAINDER REMN
           DISPLAY "DIV NEG REM " R2 " " REMN
           SUBTRACT 1000 FROM E
               ON SIZE ERROR DISPLAY "NO ERROR EXPECTED"
               NOT ON SIZE ERROR DISPLAY "E NOW " E
           END-SUBTRACT
           STOP RUN.
