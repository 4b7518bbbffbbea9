# Messages of the figures crate: differentially private releases of counts.

figures-epsilon = the privacy loss ε must be a number above zero, not { $value }
figures-delta = δ must be above zero and below one, not { $value }
figures-bound = each person must be allowed at least one cell
figures-no-threshold = no suppression threshold keeps δ under { $delta } with this noise; ask for a larger ε or δ
figures-opendp = OpenDP refused the measurement: { $detail }
figures-period = { $period } is not a quarter such as 2026Q4
figures-document = not a figures release: { $detail }
