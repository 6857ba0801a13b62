      * Customer record layout, prefixed through COPY REPLACING.
       01 :PFX:-CUSTOMER.
          05 :PFX:-ID        PIC 9(6).
          05 :PFX:-NAME      PIC X(20).
          05 :PFX:-BALANCE   PIC S9(7)V99.
          05 :PFX:-LIMIT     PIC 9(7)V99.
