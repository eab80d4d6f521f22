// lit_pkpSign for a transaction: the confirmation in the real approval window shows the unsigned
// transaction the worker decoded (type, chain, checksummed recipient, value in wei and ETH, nonce,
// gas limit, fees per gas in gwei, the most the fee and the whole can cost, the access list, data)
// and signs its keccak256, which recovers to the PKP as ethers reads it; a transaction whose fee
// alone can cost 3000 ETH is shown with a warning (and denied); a signed transaction and a set-code
// (EIP-7702) one are refused before any window opens.
import { Wallet, utils } from 'ethers';
import { expect, litRequest, test } from './fixtures';
import { installTestWallet } from './test-wallet';
import { mintPkp, startEachTestClean } from './sessions';
import {
  CONFIRM_PKP_SIGN,
  approveSessionRequest,
  confirmationWindow,
  watchApprovalWindows,
} from './brokered';
import { decide } from './approval-windows';

startEachTestClean();

const recipient = '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4';

test('lit_pkpSign with a transaction: the window shows it decoded; the signature is for its hash', async ({
  page,
  demo,
  extension,
  devnet,
}) => {
  const wallet = await installTestWallet(page);
  const pkp = await mintPkp(devnet, { permittedAddresses: [wallet.address] });
  await page.goto(demo.url);

  const unsigned = {
    type: 2,
    chainId: 11155111,
    nonce: 42,
    to: recipient.toLowerCase(),
    value: utils.parseEther('0.25'),
    gasLimit: 60_000,
    maxFeePerGas: utils.parseUnits('30', 'gwei'),
    maxPriorityFeePerGas: utils.parseUnits('1', 'gwei'),
    data: '0xa9059cbb',
    accessList: [
      {
        address: recipient.toLowerCase(),
        storageKeys: [utils.hexZeroPad('0x01', 32), utils.hexZeroPad('0x02', 32)],
      },
    ],
  };
  const transaction = utils.serializeTransaction(unsigned);
  const toSign = utils.keccak256(transaction);
  const asking = litRequest(page, {
    method: 'lit_pkpSign',
    params: { pubKey: pkp.publicKey, toSign, transaction },
  });
  await approveSessionRequest(extension, { forMethod: 'lit_pkpSign' });
  const window = await confirmationWindow(extension, CONFIRM_PKP_SIGN);
  const facts = window.getByTestId('sign-transaction');
  await expect(facts).toContainText('fee market (EIP-1559, type 2)');
  await expect(facts).toContainText('11155111 (Sepolia, a test network)');
  await expect(facts).toContainText(recipient); // checksummed, though the dApp sent lower case
  await expect(facts).toContainText('250000000000000000 wei (0.25 ETH)');
  await expect(facts).toContainText('42');
  await expect(facts).toContainText('60000');
  await expect(facts).toContainText('4 bytes');
  await expect(facts).toContainText('30000000000 wei (30 gwei)'); // max fee per gas
  await expect(facts).toContainText('1000000000 wei (1 gwei)'); // max priority fee per gas
  // 60,000 gas × 30 gwei, and 0.25 ETH + that.
  await expect(facts).toContainText(
    '1800000000000000 wei (0.0018 ETH): gas limit × max fee per gas',
  );
  await expect(facts).toContainText('251800000000000000 wei (0.2518 ETH): value + max fee');
  await expect(facts).toContainText('1 address, 2 storage keys');
  await expect(window.getByTestId('access-list')).toHaveText(`${recipient}: 2 storage keys`);
  await expect(window.getByTestId('fee-warning')).toHaveCount(0);
  await expect(window.getByText(toSign).first()).toBeVisible();
  await decide(window, window.getByRole('button', { name: 'Approve' }), 15_000);

  const { result, error } = await asking;
  expect(error).toBeUndefined();
  const { signature } = result as { signature: string };
  // The signed transaction ethers assembles from it is from the PKP.
  const signed = utils.serializeTransaction(unsigned, signature);
  expect(utils.parseTransaction(signed).from).toBe(pkp.ethAddress);

  // Nothing sent, but 30,000,000 gas at 100,000 gwei: the fee alone may cost 3000 ETH.
  const drain = utils.serializeTransaction({
    type: 2,
    chainId: 11155111,
    nonce: 43,
    to: recipient,
    gasLimit: 30_000_000,
    maxFeePerGas: utils.parseUnits('100000', 'gwei'),
    maxPriorityFeePerGas: utils.parseUnits('1', 'gwei'),
  });
  const draining = litRequest(page, {
    method: 'lit_pkpSign',
    params: { pubKey: pkp.publicKey, toSign: utils.keccak256(drain), transaction: drain },
  });
  const warned = await confirmationWindow(extension, CONFIRM_PKP_SIGN);
  const drainFacts = warned.getByTestId('sign-transaction');
  await expect(drainFacts).toContainText('0 wei (0 ETH)');
  await expect(drainFacts).toContainText('100000000000000 wei (100000 gwei)');
  await expect(drainFacts).toContainText('3000000000000000000000 wei (3000 ETH): gas limit');
  await expect(warned.getByTestId('fee-warning')).toBeVisible();
  await expect(warned.getByTestId('fee-warning')).toContainText(
    'The fee alone may cost up to 3000 ETH (gas limit 30000000 × max fee per gas), more than 0.1 ETH.',
  );
  await decide(warned, warned.getByRole('button', { name: 'Deny' }), 15_000);
  expect((await draining).error).toMatchObject({ code: 4001 });

  // Refused before anyone is asked: a signed transaction, and a type the window cannot show.
  const windows = watchApprovalWindows(extension);
  const alreadySigned = await new Wallet('0x' + '07'.repeat(32)).signTransaction({
    ...unsigned,
    type: 2,
  });
  const refusedSigned = await litRequest(page, {
    method: 'lit_pkpSign',
    params: {
      pubKey: pkp.publicKey,
      toSign: utils.keccak256(alreadySigned),
      transaction: alreadySigned,
    },
  });
  expect(refusedSigned.error).toMatchObject({
    code: -32602,
    message: expect.stringContaining('must be an unsigned transaction'),
  });
  const setCode = utils.hexConcat([
    '0x04',
    utils.RLP.encode(['0x01', '0x', '0x01', '0x05', '0x5208', recipient, '0x', '0x', [], []]),
  ]);
  const refusedSetCode = await litRequest(page, {
    method: 'lit_pkpSign',
    params: { pubKey: pkp.publicKey, toSign: utils.keccak256(setCode), transaction: setCode },
  });
  expect(refusedSetCode.error).toMatchObject({
    code: -32602,
    message: expect.stringContaining('not shown'),
  });
  windows.stop();
  expect(windows.opened).toEqual([]);
});
