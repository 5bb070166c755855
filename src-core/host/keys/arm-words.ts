// The words the trader types to arm: short, unambiguous, none a prefix of another, none an
// ordinary command word ("yes", "ok"), so arming cannot happen by habit or by a paste.
import { randomInt } from 'node:crypto';

export const ARM_WORDS = [
  'anchor', 'basalt', 'beacon', 'cobalt', 'copper', 'delta', 'ember', 'falcon', 'garnet', 'harbor',
  'indigo', 'juniper', 'kestrel', 'lantern', 'marble', 'nickel', 'onyx', 'orchid', 'pepper', 'quartz',
  'raven', 'saffron', 'tundra', 'umber', 'velvet', 'walnut', 'willow', 'zephyr', 'granite', 'meadow',
] as const;

export function randomArmWord(): string {
  return ARM_WORDS[randomInt(ARM_WORDS.length)]!;
}
