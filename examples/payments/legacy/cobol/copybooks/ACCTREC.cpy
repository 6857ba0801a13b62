      *----------------------------------------------------------------*
      * ACCTREC - SAVINGS ACCOUNT MASTER RECORD (120 BYTES)            *
      *----------------------------------------------------------------*
       01  ACCOUNT-RECORD.
           05  ACCT-ID                 PIC X(10).
           05  ACCT-TYPE               PIC X(2).
               88  ACCT-SAVINGS        VALUE 'SV'.
               88  ACCT-CHECKING       VALUE 'CK'.
           05  ACCT-STATUS             PIC X(1).
               88  ACCT-ACTIVE         VALUE 'A'.
               88  ACCT-CLOSED         VALUE 'C'.
           05  ACCT-BALANCE            PIC S9(11)V99 COMP-3.
           05  ACCT-RATE               PIC 9(2)V9(4).
           05  ACCT-LAST-POSTED        PIC 9(8).
           05  FILLER                  PIC X(86).
