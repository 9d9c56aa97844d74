-- The plans read model became part of the figures read model (V5_2): its processor's tokens have no owner any more.
DELETE FROM tokenentry WHERE processorname = 'plans';
